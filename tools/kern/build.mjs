// Builds the part of KERN the platform serves (`make npm` runs it after `npm ci`):
//
// - kern.site.min.css: PurgeCSS keeps the rules of KERN's stylesheet whose classes,
//   elements and attributes occur in the templates, in the Python code that writes markup
//   (template tags, forms) and in the scripts, and the custom properties those rules and the
//   theme read; then the @font-face rules of the fonts below. KERN's whole stylesheet is
//   336 kB (35 kB compressed) and blocks the first paint; the platform uses a fifth of it.
// - fonts/: the Fira Sans weights the stylesheets use, cut down to the Latin characters
//   German and English text needs (about 20 kB instead of 130-150 kB each). A character
//   outside UNICODE_RANGE (a Polish or Turkish name, say) is drawn in the fallback font:
//   the @font-face rules say which characters each file has.
//
//     node tools/kern/build.mjs            # writes build/kern/
//
// A class put together at run time is not in the sources as a whole word; SAFELIST names
// those patterns. tests/home/test_site_crawl.py checks that every KERN class on a rendered
// page is in the built stylesheet.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PurgeCSS } from "purgecss";
import fg from "fast-glob";
import subsetFont from "subset-font";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const KERN = join(ROOT, "node_modules", "@kern-ux", "native", "dist");
const OUTPUT = join(ROOT, "build", "kern");
// Where markup is written; folders that hold no markup of the site are skipped.
const CONTENT = ["**/*.html", "**/*.py", "**/static/**/*.js"];
const SKIPPED = ["node_modules/**", ".venv/**", "var/**", "build/**", "tests/**", "tools/**",
  "**/migrations/**", ".git/**"];
const THEME = ["**/static/**/*.css"];
// Classes built from parts: the alert's kind (components/alert.html), a field's error state
// and a choice's kind (home/templatetags/form_tags.py).
const SAFELIST = [/^kern-alert--/, /^kern-form-check__(radio|checkbox)/, /--error$/];
// KERN sets its contextual colours (text, borders, backgrounds of the page and of its
// levels) on `:is(body, …):not([class*=kern-level-]), .kern-layer.kern-level-0`. PurgeCSS
// drops the `:is(…):not(…)` part (it does not see that the class is only negated there):
// GREEDY keeps the rule and restoreBodyTokens puts its whole selector back.
const GREEDY = [/kern-level-/];
const BODY_TOKENS = /(?<=^|})([^{}]*:is\(body,[^{}]*)\{/g;
// Basic Latin, Latin-1 (umlauts, ß, §, «»), Latin Extended-A, general punctuation (dashes,
// typographic quotes, „“, …, •), €, ™ and the arrows.
const UNICODE_RANGE = [[0x20, 0x7e], [0xa0, 0x17f], [0x2010, 0x2044], [0x20ac, 0x20ac],
  [0x2122, 0x2122], [0x2190, 0x2193], [0x2212, 0x2212]];
// The faces KERN's rules and the theme ask for: 400, 500 (headings), 600 (labels, titles),
// 700 (<strong>, <b>, <th>), with the italics of 400 and 600.
// OpenType features kept: kerning, ligatures, contextual forms, accents and their placing,
// local forms, case-sensitive forms and the number styles; small caps, fractions and the
// other stylistic sets are not used.
const FEATURES = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk", "rlig", "clig", "case",
  "tnum", "lnum", "pnum"];
const FACES = [
  ["Regular", 400, "normal"], ["Italic", 400, "italic"], ["Medium", 500, "normal"],
  ["SemiBold", 600, "normal"], ["SemiBoldItalic", 600, "italic"], ["Bold", 700, "normal"],
];

// The KERN custom properties the theme reads, and those they read in turn: PurgeCSS keeps
// a safelisted property but not the properties its value refers to.
async function themeVariables(kern) {
  const files = await fg(THEME, { cwd: ROOT, ignore: SKIPPED });
  const wanted = [];
  for (const file of files) {
    const css = await readFile(join(ROOT, file), "utf-8");
    for (const match of css.matchAll(/var\(\s*(--[\w-]+)/g)) wanted.push(match[1]);
  }
  const refers = new Map();
  for (const [, name, value] of kern.matchAll(/(--[\w-]+)\s*:([^;}]*)/g)) {
    const names = refers.get(name) ?? new Set();
    for (const [, used] of value.matchAll(/var\(\s*(--[\w-]+)/g)) names.add(used);
    refers.set(name, names);
  }
  const kept = new Set();
  while (wanted.length) {
    const name = wanted.pop();
    if (kept.has(name)) continue;
    kept.add(name);
    wanted.push(...(refers.get(name) ?? []));
  }
  return [...kept];
}

async function purgedKern() {
  const source = await readFile(join(KERN, "kern.min.css"), "utf-8");
  // Passed as text: the skipped folders (node_modules among them) apply to CSS globs too.
  const [result] = await new PurgeCSS().purge({
    css: [{ raw: source }],
    content: CONTENT.map((pattern) => join(ROOT, pattern)),
    skippedContentGlobs: SKIPPED.map((pattern) => join(ROOT, pattern)),
    safelist: { standard: SAFELIST, greedy: GREEDY, variables: await themeVariables(source) },
    variables: true,
    keyframes: true,
    fontFace: true,
  });
  return { css: restoreBodyTokens(source, result.css), before: source.length };
}

// A selector list split at its own commas, not at those inside :is(…) or :not(…).
function topLevel(selectors) {
  const parts = [""];
  let depth = 0;
  for (const char of selectors) {
    depth += char === "(" ? 1 : char === ")" ? -1 : 0;
    if (char === "," && depth === 0) parts.push("");
    else parts[parts.length - 1] += char;
  }
  return parts;
}

function restoreBodyTokens(source, purged) {
  let css = purged;
  for (const [, selectors] of source.matchAll(BODY_TOKENS)) {
    const kept = topLevel(selectors).filter((selector) => !selector.startsWith(":is("));
    // The rule PurgeCSS kept, its unused custom properties already taken out.
    const remainder = `}${kept.join(",")}{`;
    if (!kept.length || !css.includes(remainder)) {
      throw new Error(`KERN's contextual colours changed shape: ${selectors}`);
    }
    css = css.replace(remainder, `}${selectors}{`);
  }
  return css;
}

async function fontFaces() {
  const text = UNICODE_RANGE.flatMap(([first, last]) =>
    Array.from({ length: last - first + 1 }, (_, i) => String.fromCodePoint(first + i))).join("");
  const range = UNICODE_RANGE.map(([first, last]) => `U+${first.toString(16).toUpperCase()}`
    + (last > first ? `-${last.toString(16).toUpperCase()}` : "")).join(",");
  await mkdir(join(OUTPUT, "fonts"), { recursive: true });
  const rules = [];
  for (const [name, weight, style] of FACES) {
    const file = `FiraSans-${name}.latin.woff2`;
    const font = await readFile(join(KERN, "fonts", "fira-sans", `FiraSans-${name}.woff2`));
    await writeFile(join(OUTPUT, "fonts", file),
      await subsetFont(font, text, { targetFormat: "woff2", keepFeatures: FEATURES }));
    // swap: the text shows at once in the fallback font and changes when the file is there.
    rules.push(`@font-face{font-family:"Fira Sans";src:url("fonts/${file}") format("woff2");`
      + `font-weight:${weight};font-style:${style};font-display:swap;unicode-range:${range}}`);
  }
  return rules.join("") + fallbackFaces();
}

// Until Fira Sans has arrived the text shows in Arial (Liberation Sans on Linux has the same
// metrics), scaled to Fira Sans's width and line metrics, so that lines do not wrap
// differently and the page does not jump when the font swaps in (Lighthouse counted such a
// shift on the search page). Fira Sans: ascent 0.935, descent 0.265 of the em; its text is
// 2.5 % wider than Arial's and its semibold 4.4 % narrower than Arial Bold's (measured in
// Chromium on the same German and English paragraph).
const FALLBACKS = [
  { local: ["Arial", "Liberation Sans", "Helvetica", "Arimo"], weight: "100 500", scale: 1.0255 },
  { local: ["Arial Bold", "Liberation Sans Bold", "Helvetica Bold", "Arimo Bold"],
    weight: "600 900", scale: 0.9557 },
];

function fallbackFaces() {
  const percent = (value) => `${(value * 100).toFixed(1)}%`;
  const faces = FALLBACKS.map(({ local, weight, scale }) => "@font-face{font-family:"
    + `"Fira Sans fallback";src:${local.map((name) => `local("${name}")`).join(",")};`
    + `font-weight:${weight};size-adjust:${percent(scale)};ascent-override:${percent(0.935 / scale)};`
    + `descent-override:${percent(0.265 / scale)};line-gap-override:0%}`);
  return faces.join("")
    + ':root{--kern-typography-font-family-fira-sans:"Fira Sans","Fira Sans fallback",sans-serif}';
}

const kern = await purgedKern();
const css = `${kern.css}\n${await fontFaces()}\n`;
await writeFile(join(OUTPUT, "kern.site.min.css"), css);
console.log(`KERN: build/kern/kern.site.min.css keeps ${kern.css.length} of ${kern.before} bytes;`
  + ` ${FACES.length} Fira Sans faces cut to Latin in build/kern/fonts/`);
