"""The fixed corpus of the relevance set (tests/search/relevance.py): solutions,
publications and events in German, a third of them translated into English, and the
discussions of a public and a closed peer group, written for this set in the words
municipal staff use. Keys are stable names the cases refer to; an English translation
is the key with "@en", a discussion's posts its key with "#1", "#2", ..."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Doc:
    key: str
    kind: str  # solution, publication, event
    title: str
    summary: str
    body: str = ""
    # English translation: (title, summary), or None.
    english: tuple[str, str] | None = None
    # Events: start in days from now (negative: past).
    days: int | None = None


S, P, E = "solution", "publication", "event"

CORPUS: tuple[Doc, ...] = (
    Doc("licht", S, "Smarte Straßenbeleuchtung",
        "Laternen dimmen nachts und melden Defekte selbst.",
        "Bewegungsmelder schalten das Licht nur bei Bedarf hoch; der Stromverbrauch sinkt.",
        ("Smart street lighting", "Lamps dim at night and report faults themselves.")),
    Doc("beteiligung", S, "Bürgerbeteiligung online",
        "Eine Plattform für Umfragen, Ideen und Bürgerhaushalte.",
        "Einwohnerinnen und Einwohner stimmen über Vorschläge ab.",
        ("Citizen participation online", "A platform for surveys, ideas and budgets.")),
    Doc("datenplattform", S, "Urbane Datenplattform",
        "Sensordaten, Verkehrsdaten und Geodaten an einem Ort.",
        "Offene Schnittstellen für Verwaltung, Wirtschaft und Wissenschaft.",
        ("Urban data platform", "Sensor, traffic and geodata in one place.")),
    Doc("nahverkehr", S, "On-Demand-Angebot im Nahverkehr",
        "Kleinbusse fahren auf Bestellung durch die Dörfer.",
        "Eine App bündelt Fahrtwünsche; der Landkreis ergänzt so den Linienverkehr.",
        ("On-demand local transport", "Minibuses run on request through the villages.")),
    Doc("warnung", S, "Unwetterwarnungen per App",
        "Die Stadt warnt ihre Einwohner bei Starkregen und Hitze.",
        "Pegelsensoren lösen automatisch eine Meldung aus."),
    Doc("parken", S, "Digitales Parkraummanagement",
        "Sensoren zeigen freie Stellplätze in der Innenstadt.",
        "Der Parksuchverkehr nimmt ab; Anwohner finden schneller einen Platz.",
        ("Digital parking management", "Sensors show free spaces in the city centre.")),
    Doc("baeume", S, "Sensoren für Stadtbäume",
        "Bodenfeuchtesensoren sagen, wann ein Baum Wasser braucht.",
        "Die Bewässerung der Straßenbäume wird planbar und spart Wasser."),
    Doc("hitze", S, "Hitzeaktionsplan für die Innenstadt",
        "Kühle Orte, Trinkbrunnen und ein Warnsystem für heiße Tage.",
        "Ältere Menschen werden bei Hitzewellen angerufen."),
    Doc("leerstand", S, "Leerstandsmelder für Ladenlokale",
        "Eine Karte zeigt leere Geschäfte und vermittelt Zwischennutzungen.",
        "Eigentümer und Gründerinnen finden zueinander."),
    Doc("wlan", S, "Freies WLAN in der Fußgängerzone",
        "Kostenloses Internet für Besucher und Händler.",
        "Der Zugang ist ohne Registrierung möglich."),
    Doc("abfall", S, "Füllstandsensoren für Abfallbehälter",
        "Müllfahrzeuge leeren nur volle Behälter.",
        "Die Touren der Abfallwirtschaft werden kürzer."),
    Doc("zwilling", S, "Digitaler Zwilling der Stadt",
        "Ein 3D-Stadtmodell für Planung und Beteiligung.",
        "Bauvorhaben werden vor Baubeginn sichtbar.",
        ("Digital twin of the city", "A 3D city model for planning and participation.")),
    Doc("lora", S, "LoRaWAN-Funknetz für Sensoren",
        "Ein stadtweites Funknetz verbindet Messgeräte mit wenig Energie.",
        "Stadtwerke betreiben die Gateways."),
    Doc("ozg", S, "Onlinedienste im Bürgerbüro",
        "Anträge auf Wohngeld und Meldebescheinigungen digital stellen.",
        "Die Verwaltung setzt das Onlinezugangsgesetz schrittweise um.",
        ("Online services at the citizens' office", "Apply for housing benefit online.")),
    Doc("radwege", S, "Radwegeplanung mit Zähldaten",
        "Zählstellen messen den Radverkehr auf den Hauptachsen.",
        "Die Daten fließen in den Ausbau der Radwege."),
    Doc("carsharing", S, "Carsharing im ländlichen Raum",
        "Elektroautos der Gemeinde stehen allen zur Verfügung.",
        "Das Dorfauto ersetzt den Zweitwagen.",
        ("Car sharing in rural areas", "The municipality's electric cars are open to all.")),
    Doc("ladesaeulen", S, "Ladesäulen für Elektromobilität",
        "Ein Standortkonzept für öffentliche Ladeinfrastruktur.",
        "Netzbetreiber und Stadt planen gemeinsam."),
    Doc("energie", S, "Energiemonitoring kommunaler Gebäude",
        "Zähler erfassen Strom und Wärme in Schulen und Kitas.",
        "Auffällige Verbräuche werden sofort gemeldet."),
    Doc("solar", S, "Solarkataster für Dachflächen",
        "Jede Eigentümerin sieht, ob sich Photovoltaik lohnt.",
        "Das Kataster beruht auf Laserscandaten."),
    Doc("schule", S, "Digitale Schule im Quartier",
        "Tablets, Lernplattform und Fortbildung für Lehrkräfte.",
        "Das Medienzentrum des Kreises betreut die Geräte."),
    Doc("pflege", S, "Telemedizin in der Pflege",
        "Pflegekräfte sprechen per Video mit Hausärzten.",
        "Wege fallen weg, Behandlungen beginnen früher."),
    Doc("ehrenamt", S, "Ehrenamtsbörse der Gemeinde",
        "Vereine finden Helferinnen und Helfer über eine Plattform.",
        "Einsätze werden mit wenigen Klicks vereinbart."),
    Doc("hochwasser", S, "Hochwasserfrühwarnsystem",
        "Pegel an kleinen Bächen warnen vor Überflutung.",
        "Die Feuerwehr erhält die Messwerte in Echtzeit."),
    Doc("verwaltung", S, "Digitale Akte in der Kommunalverwaltung",
        "Die elektronische Akte ersetzt Papier im Rathaus.",
        "Vorgänge sind von überall bearbeitbar."),
    Doc("beleuchtung-sport", S, "Flutlicht für Sportplätze per App",
        "Vereine schalten das Licht der Sportanlage selbst ein.",
        "Abrechnung nach Nutzung."),
    Doc("quartier", S, "Quartiersapp für Nachbarschaften",
        "Nachbarn teilen Werkzeuge, Termine und Hilfe.",
        "Die App wird von einem Verein betrieben."),
    Doc("mobilstation", S, "Mobilstationen am Bahnhof",
        "Leihräder, Carsharing und Bus an einem Punkt.",
        "Pendler steigen bequem um.",
        ("Mobility hubs at the station", "Rental bikes, car sharing and buses in one place.")),
    Doc("tourismus", S, "Besucherlenkung im Tourismus",
        "Sensoren zählen Gäste an Ausflugszielen und empfehlen Alternativen.",
        "Überfüllte Parkplätze werden vermieden."),
    Doc("klimaanpassung", S, "Schwammstadt: Regenwasser vor Ort halten",
        "Mulden und Gründächer speichern Regen für trockene Zeiten.",
        "Die Klimaanpassung beginnt im Straßenraum.",
        ("Sponge city: keeping rainwater on site", "Swales and green roofs store rain.")),
    Doc("kataster", S, "Baumkataster mit Bürgerhinweisen",
        "Schäden an Bäumen melden Bürger über eine Karte.",
        "Das Grünflächenamt priorisiert die Pflege."),
    # Publications.
    Doc("handreichung", P, "Die digitale Stadt gestalten",
        "Eine Handreichung für Kommunen zur Digitalisierung.",
        "BBSR",
        ("Shaping the digital city", "A handout on digitalisation for local authorities.")),
    Doc("leitfaden-daten", P, "Leitfaden Datenstrategie",
        "Wie Kommunen eine Datenstrategie entwickeln und Daten teilen.",
        "BBSR",
        ("Guide to a data strategy", "How municipalities develop a data strategy.")),
    Doc("studie-mobilitaet", P, "Studie Mobilitätswende in Mittelstädten",
        "Wie Mittelstädte Verkehr verlagern: Radverkehr, ÖPNV, Sharing.",
        "Difu"),
    Doc("toolkit-beteiligung", P, "Toolkit Partizipation",
        "Methoden für digitale und analoge Mitwirkung.",
        "KTS"),
    Doc("bericht-sicherheit", P, "IT-Sicherheit in Kommunen",
        "Ein Bericht über Schutzbedarf, Notfallpläne und Schulungen.",
        "BSI",
        ("IT security in municipalities", "A report on protection needs and emergency plans.")),
    Doc("studie-klima", P, "Klimaresilienz in der Stadtentwicklung",
        "Eine Studie zu Hitze, Starkregen und grüner Infrastruktur.",
        "Difu"),
    Doc("leitfaden-open-data", P, "Open Data in der Verwaltung",
        "Offene Daten veröffentlichen: Recht, Formate, Portale.",
        "KTS",
        ("Open data in public administration", "Publishing open data: law, formats, portals.")),
    Doc("handbuch-vergabe", P, "Handbuch Vergabe digitaler Lösungen",
        "Ausschreibungen für Software und Sensorik rechtssicher gestalten.",
        "KTS"),
    Doc("bericht-smart-city", P, "Smart City Charta",
        "Leitlinien für die digitale Transformation der Kommunen.",
        "BBSR",
        ("Smart City Charter", "Guidelines for the digital transformation of municipalities.")),
    Doc("studie-einzelhandel", P, "Zukunft des Einzelhandels in der Innenstadt",
        "Was lokale Geschäfte gegen Leerstand tun können.",
        "Difu"),
    # Events (days from now).
    Doc("workshop-daten", E, "Themenwerkstatt Datenplattformen",
        "Drei Stunden zu Aufbau und Betrieb urbaner Datenplattformen.", days=10),
    Doc("kickoff", E, "Kick-off Smart City für Einsteiger",
        "Anderthalb Stunden Einführung in die Smart City für Kommunen.", days=5),
    Doc("konferenz", E, "Regionalkonferenz Smart City Süd",
        "Modellprojekte stellen ihre Lösungen vor.", days=40),
    Doc("peer-mobilitaet", E, "Peer-Learning Mobilität",
        "Sechs Sitzungen zu nachhaltiger Mobilität im ländlichen Raum.", days=20),
    Doc("workshop-beteiligung", E, "Themenwerkstatt Beteiligung",
        "Digitale Werkzeuge für die Bürgerbeteiligung erproben.", days=-30),
    Doc("smart-city-forum", E, "Smart City Forum Nord",
        "Austausch der Kommunen über Smart City Strategien.", days=3),
    Doc("smart-city-stammtisch", E, "Smart City Stammtisch",
        "Offener Austausch über Smart City Projekte.", days=8),
    Doc("smart-city-sprechstunde", E, "Sprechstunde Smart City Förderung",
        "Fragen zu Förderprogrammen für die Smart City.", days=12),
    Doc("smart-city-werkstatt", E, "Smart City Werkstatt Nord",
        "Kommunen arbeiten an ihrer Smart City Strategie.", days=25),
    Doc("smart-city-webinar", E, "Webinar: Smart City im ländlichen Raum",
        "Wie kleine Gemeinden zur Smart City werden.", days=2),
    # Solutions that name the Smart City only in their text (issue 17: broad queries
    # showed only events in their first ten).
    Doc("maengelmelder", S, "Mängelmelder für Straßen und Wege",
        "Bürgerinnen melden Schlaglöcher, wilden Müll und defekte Laternen per App.",
        "Ein Baustein der Smart City Strategie; der Bauhof sieht jede Meldung auf der Karte.",
        ("Defect reporting for streets and paths",
         "Residents report potholes, fly-tipping and broken lamps by app.")),
    Doc("umweltsensoren", S, "Umweltsensoren an Schulen",
        "Schülerinnen und Schüler messen Feinstaub, Lärm und Temperatur.",
        "Das Projekt gehört zur Smart City Initiative des Landkreises."),
    Doc("dashboard", S, "Stadtdashboard für den Gemeinderat",
        "Kennzahlen der Smart City auf einen Blick.",
        "Verkehr, Energieverbrauch und Bürgeranliegen in einer Ansicht.",
        ("City dashboard for the council", "Key figures of the smart city at a glance.")),
    Doc("strategie", S, "Digitalstrategie im Dialog",
        "Wie eine Kleinstadt ihre Smart City Strategie mit den Bürgern entwickelt.",
        "Werkstätten, Umfragen und ein Beirat aus Vereinen begleiten den Prozess."),
    Doc("winterdienst", S, "Glättemeldeanlage für den Winterdienst",
        "Straßensensoren melden Glätte, bevor sich Unfälle häufen.",
        "Der Streuplan richtet sich nach den Messwerten."),
    Doc("fundbuero", S, "Digitales Fundbüro",
        "Verlorene Gegenstände online suchen und abholen.",
        "Die Fundsachen mehrerer Gemeinden liegen in einem Verzeichnis.",
        ("Digital lost property office", "Search for lost items online and collect them.")),
)


@dataclass(frozen=True)
class Discussion:
    """A thread of a peer group and its posts (the first post opens the thread)."""

    key: str
    title: str
    posts: tuple[str, ...]
    # Threads of the closed group are for its members only: a public reader never sees
    # them (the cases search as the public).
    public: bool = True


FORUM: tuple[Discussion, ...] = (
    Discussion("forum-gateways", "Erfahrungen mit LoRaWAN-Gateways", (
        "Wir haben zwölf Gateways auf Kirchtürmen montiert; die Reichweite im Hügelland "
        "ist geringer als erhofft.",
        "Bei uns hilft ein Gateway auf dem Wasserturm, der Empfang ist seitdem stabil.")),
    Discussion("forum-parksensoren", "Ausschreibung Parksensoren", (
        "Hat jemand ein Leistungsverzeichnis für Parksensoren? Wir brauchen eine Vorlage.",
        "Unseres liegt im Anhang; achten Sie auf die Batterielaufzeit der Sensoren.")),
    Discussion("forum-foerderung", "Förderbescheid verzögert sich", (
        "Der Zuwendungsbescheid kam drei Monate zu spät. Wie überbrücken andere "
        "Kommunen die Wartezeit?",
        "Wir haben einen vorzeitigen Maßnahmenbeginn beantragt.")),
    Discussion("forum-datenschutz", "Datenschutz bei Kameras im Bus", (
        "Der Datenschutzbeauftragte verlangt eine Folgenabschätzung für die Fahrgastzählung.",
        "Zählen Sie mit Infrarot statt Video, dann entfällt das meiste.")),
    Discussion("forum-intern", "Zuwendungsbescheid und Haushaltssperre", (
        "Intern: der Zuwendungsbescheid hängt an der Haushaltssperre des Kämmerers.",),
        public=False),
)
