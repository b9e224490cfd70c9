"""SPDX licence identifiers accepted for a solution's code and data.

The open-source and open-data licences that municipal projects use (SPDX License List
3.x), not the whole list: an identifier outside it is far more often a typo than an
exotic licence. Add one here when a project needs it.
"""

SPDX_LICENCES = frozenset({
    "0BSD", "AFL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-2.0", "Artistic-2.0",
    "BSD-2-Clause", "BSD-3-Clause", "BSL-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0",
    "CECILL-2.1", "DL-DE-BY-2.0", "DL-DE-ZERO-2.0", "EPL-2.0", "EUPL-1.1", "EUPL-1.2",
    "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "ISC",
    "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "MIT",
    "MIT-0", "MPL-2.0", "ODbL-1.0", "OSL-3.0", "Unlicense", "Zlib",
})
