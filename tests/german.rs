//! German reported speech and speaker resolution (issue 9, point 5), on short news sentences
//! written for this project. Each test states a fact of German grammar the rules rely on.
mod common;
use common::run;

// ---- verb second: a fronted phrase is not the subject

#[test]
fn a_fronted_prepositional_phrase_is_not_the_speaker() {
    // "In seiner ersten Rede erklärte X": the subject follows the finite verb
    let r = run(&[
        "Der neue Bürgermeister Tobias Brenner trat am Montag sein Amt an.",
        "In seiner ersten Rede erklärte Brenner, die Stadt werde das Hallenbad sanieren.",
    ]);
    let q = r.quote("das Hallenbad sanieren");
    assert_eq!(q.kind, "indirect");
    assert_eq!(q.speaker, Some("Tobias Brenner"), "{}", r.dump());
    // a genitive inside the phrase ("Am Abend des Wahltages") does not hide the preposition
    let r = run(&["Am Abend des Wahltages sagte die Kandidatin Maria Klein, sie sei mit dem Ergebnis zufrieden."]);
    let q = r.quote("mit dem Ergebnis zufrieden");
    assert!(q.speaker.is_some_and(|s| s.ends_with("Maria Klein")), "{}", r.dump());
    // "Seit Jahren fordert der Verband, …"
    let r = run(&["Seit Jahren fordert der Mieterverband, dass die Stadt mehr Wohnungen baut."]);
    assert_eq!(r.quote("mehr Wohnungen baut").speaker, Some("Mieterverband"), "{}", r.dump());
}

#[test]
fn a_time_phrase_before_a_verb_final_cue_is_not_the_speaker() {
    // "Wie die Polizei am Montag mitteilte, …": the subject stands before the time phrase
    let r = run(&["Wie die Wasserschutzpolizei am Montag mitteilte, wurde bei dem Unfall niemand verletzt."]);
    let q = r.quote("niemand verletzt");
    assert_eq!((q.kind, q.speaker), ("indirect", Some("Wasserschutzpolizei")), "{}", r.dump());
    let r = run(&["Wie der Sprecher Jan Ohm gestern sagte, ist die Fähre wieder in Betrieb."]);
    assert_eq!(r.quote("Fähre wieder in Betrieb").speaker, Some("Jan Ohm"), "{}", r.dump());
}

#[test]
fn the_subject_of_a_perfect_stands_before_the_auxiliary() {
    // "X hatte bei … erklärt": past the prepositional phrase and the auxiliary
    let r =
        run(&["Die Ministerin Sabine Roth hatte bei ihrem Besuch in Leipzig erklärt, die Förderung werde verlängert."]);
    assert_eq!(r.quote("Förderung werde verlängert").speaker, Some("Sabine Roth"), "{}", r.dump());
}

#[test]
fn a_relative_pronoun_is_not_inside_the_preposition_before_it() {
    // "von dem die Polizei glaubt": "dem … die" are two phrases, the second one speaks
    let r = run(&["Festgenommen wurde ein 30-jähriger Mann, von dem die Polizei glaubt, er habe den Brand gelegt."]);
    let q = r.quote("den Brand gelegt");
    assert_eq!(q.speaker, Some("Polizei"), "{}", r.dump());
}

#[test]
fn a_document_speaks_through_es_heisst() {
    // "In dem Bericht heißt es, …": "es" is no speaker; the report is the source
    let r = run(&["In dem Bericht des Rechnungshofes heißt es, die Kosten seien falsch berechnet worden."]);
    let q = r.quote("falsch berechnet");
    let who = q.speaker.unwrap_or_default();
    assert!(who.contains("Rechnungshof") || who.contains("Bericht"), "{}", r.dump());
}

// ---- a quote inside a sentence belongs to that sentence's speaker

#[test]
fn an_embedded_quote_takes_its_own_sentences_subject_not_the_neighbours() {
    let r = run(&[
        "„Wir haben lange genug gewartet“, sagte die Gewerkschafterin Petra Lang. Der Arbeitgeberpräsident Klaus Wendt nannte die Forderung „völlig überzogen und nicht bezahlbar“.",
    ]);
    assert_eq!(r.quote("lange genug gewartet").speaker, Some("Petra Lang"), "{}", r.dump());
    assert_eq!(r.quote("völlig überzogen").speaker, Some("Klaus Wendt"), "{}", r.dump());
}

#[test]
fn a_subject_in_the_reporting_mood_is_the_topic_not_the_speaker() {
    // Konjunktiv I reports someone else's words about the subject ("Der Angeklagte habe „…“");
    // the indicative subject acts and speaks ("Der Angeklagte bestritt „…“")
    let mut cfg = quotelens::Config::default();
    cfg.set_sieve_order(&["sentence-subject"]).unwrap();
    let r = common::run_with(&["Der Angeklagte habe „mit voller Absicht und lange geplant“ gehandelt."], &cfg);
    assert_eq!(r.quote("mit voller Absicht").speaker, None, "{}", r.dump());
    let r = common::run_with(&["Der Angeklagte bestritt „jede Absicht und jede Planung“ vor Gericht."], &cfg);
    assert_eq!(r.quote("jede Absicht").rule, "sentence-subject", "{}", r.dump());
}

#[test]
fn a_clause_after_the_comma_is_reported_speech_not_an_appositive() {
    // "Am Montag erklärte Brenner, die Stadt werde …": the phrase after the comma holds a verb
    let r = run(&[
        "Der Bürgermeister Tobias Brenner stellte den Haushalt vor.",
        "Am Montag erklärte Brenner, die Stadt werde das Hallenbad sanieren.",
    ]);
    assert_eq!(r.quote("Hallenbad sanieren").speaker, Some("Tobias Brenner"), "{}", r.dump());
    // a real appositive still describes the speaker
    let r = run(&["Am Montag erklärte Anna Roth, die Sprecherin des Verbands, die Preise würden steigen."]);
    assert_eq!(r.quote("Preise würden steigen").speaker, Some("Anna Roth"), "{}", r.dump());
}

#[test]
fn quoted_words_inside_a_reported_clause_are_the_clause_speakers() {
    // the fragment of a mixed quote is said by the clause's speaker, not by the speaker of the
    // quote before it (a neighbour's speaker is only a guess)
    let r = run(&[
        "Ein Sprecher der Bahn sagte: „Wir prüfen den Vorschlag genau.“ Die Gewerkschafterin Eva Lind erklärte, der Plan sei „ein Schlag ins Gesicht der Pendler“.",
    ]);
    let q = r.all().into_iter().find(|f| f.text == "„ein Schlag ins Gesicht der Pendler“");
    assert!(q.and_then(|q| q.speaker).is_some_and(|s| s.ends_with("Eva Lind")), "{}", r.dump());
}

// ---- Konjunktiv I: reported speech without a cue

#[test]
fn a_subject_that_acts_hands_the_reported_words_on() {
    // "Der Verband widersprach. Die Zahlen seien …": the words are the Verband's, not those of
    // the speaker quoted before it
    let r = run(&[
        "Die Ministerin Eva Sommer sagte am Montag, die Zahl der Unfälle sei gesunken.",
        "Der Verkehrsclub Nordland widersprach der Darstellung. Die Statistik sei unvollständig und berücksichtige keine Radfahrer.",
    ]);
    let q = r.quote("Statistik sei unvollständig");
    assert_eq!(q.rule, "indirect-subjunctive", "{}", r.dump());
    assert_eq!(q.speaker, Some("Verkehrsclub Nordland"), "{}", r.dump());
    // with nobody quoted before, the acting subject before the sentence is the source too
    let r = run(&[
        "Die Nebenkosten in der Stadt sind im vergangenen Jahr um ein Fünftel gestiegen.",
        "Der Mieterbund Südstadt prüfte im Sommer rund 400 Nebenkostenbescheide. Die Abrechnungen seien in vielen Fällen fehlerhaft gewesen.",
    ]);
    let q = r.quote("Abrechnungen seien");
    assert_eq!(q.speaker, Some("Mieterbund Südstadt"), "{}", r.dump());
    let conf = r.a.quotes.iter().find(|x| r.text(&x.span).contains("Abrechnungen seien")).map(|x| x.confidence);
    assert!(conf.is_some_and(|c| c < 0.3), "{conf:?}");
}

#[test]
fn the_konjunktiv_i_of_any_frequent_verb_carries_on_reported_speech() {
    // third person singular stem + -e outside quotation marks ("es drohe", "die Studie zeige") is
    // the mood of reported speech, as "sei" and "habe" are: the sentence with its quoted words is
    // a mixed quote of the speaker before
    let r = run(&[
        "Die Ministerin Anna Berg sagte am Montag, der Bund müsse schneller handeln.",
        "Es drohe „eine Krise, die niemand mehr aufhalten kann“.",
    ]);
    let q = r.quote("Es drohe");
    assert_eq!((q.kind, q.speaker), ("mixed", Some("Anna Berg")), "{}", r.dump());
    let r = run(&[
        "Lukas Wendt erklärte am Freitag, die Zahl der Brutpaare sei gestiegen.",
        "Die Zählung zeige „eine erfreuliche Entwicklung“ für die ganze Küste.",
    ]);
    let q = r.quote("Die Zählung zeige");
    assert_eq!((q.kind, q.speaker), ("mixed", Some("Lukas Wendt")), "{}", r.dump());
}

#[test]
fn the_konjunktiv_ii_stands_in_for_reported_speech_too() {
    // "hätte", "käme", "gäbe": where the Konjunktiv I equals the indicative, reported speech takes
    // the Konjunktiv II
    let r = run(&[
        "Der Landrat Peter Kolb sagte am Dienstag, die Hilfe sei rechtzeitig gekommen.",
        "Ohne die Feuerwehr hätte der Ort „keine Chance gegen das Wasser“ gehabt.",
    ]);
    let q = r.quote("Ohne die Feuerwehr");
    assert_eq!((q.kind, q.speaker), ("mixed", Some("Peter Kolb")), "{}", r.dump());
}

// ---- quotation marks around names

#[test]
fn a_capitalised_quote_after_a_definite_article_is_a_name() {
    // "die „Aktion …“ teilte mit": the quote fills the article's noun slot, it names a group
    let r = run(&["Wie die „Initiative Saubere Flüsse“ am Dienstag mitteilte, sei der Pegel weiter gesunken."]);
    assert!(!r.all().iter().any(|f| f.kind == "direct"), "{}", r.dump());
    let r = run(&["In der „Allgemeinen Rundschau“ schreibt der Bürgermeister Paul Weber, die Brücke werde saniert."]);
    assert!(!r.all().iter().any(|f| f.kind == "direct"), "{}", r.dump());
    // a quoted clause after the article is still a quotation; so is an indefinite article's label
    // and a label in a prepositional object
    let r = run(&["Die Ministerin Eva Kranz kündigte an, sie werde hart gegen die „Schleuserbanden“ vorgehen."]);
    assert!(r.all().iter().any(|f| f.text.contains("Schleuserbanden")), "{}", r.dump());
    let r = run(&["Der Minister Karl Adler nannte den Plan eine „Zumutung für alle Pendler“."]);
    assert_eq!(r.quote("Zumutung").kind, "direct", "{}", r.dump());
    let r = run(&["Die Sprecherin Anna Lang sagte: „Die Lage ist ernst, wir arbeiten daran.“"]);
    assert_eq!(r.quote("Lage ist ernst").speaker, Some("Anna Lang"), "{}", r.dump());
}

#[test]
fn a_quote_after_the_genitive_or_neuter_article_is_a_name_too() {
    // every case of the definite article has a noun slot: "des „…“" and "das „…“" name a prize,
    // a law or an office as "der „…“" does
    let r = run(&["Die Jury ehrte den Autor Jan Roth als Träger des „Goldenen Ankers für Reportage“ im Rathaus."]);
    assert!(!r.all().iter().any(|f| f.kind == "direct"), "{}", r.dump());
    let r = run(&["Dort stellte sich das „Netzwerk gegen digitale Gewalt“ am Montag den Schülern vor."]);
    assert!(!r.all().iter().any(|f| f.kind == "direct"), "{}", r.dump());
    // a lower-case quote after the article stays a quotation
    let r = run(&["Der Bürgermeister Uwe Brandt warnte vor den Folgen des „völlig überzogenen Sparkurses“."]);
    assert!(r.all().iter().any(|f| f.text.contains("überzogenen")), "{}", r.dump());
}

#[test]
fn a_quote_after_a_noun_for_an_award_a_union_or_a_clan_is_its_name() {
    // "die Auszeichnung „…“", "der Gewerkschaft „…“", "des Clans „…“": the noun says what kind
    // of named thing the quote is (works.txt)
    let r =
        run(&["Der Reporter Tom Berg erhielt am Freitag die Auszeichnung „für mutige Berichte aus Krisengebieten“."]);
    assert!(!r.all().iter().any(|f| f.kind == "direct"), "{}", r.dump());
    let r =
        run(&["Der frühere Chef der Gewerkschaft „Verkehr, Bau und öffentliche Dienste“ ist am Sonntag gestorben."]);
    assert!(!r.all().iter().any(|f| f.kind == "direct"), "{}", r.dump());
}

#[test]
fn the_quoted_name_of_the_source_does_not_make_the_report_mixed() {
    // a quoted name in the attribution (the source that reports) quotes nobody's words: the
    // clause is indirect speech
    let r = run(&["Nach Angaben des Magazins „Der Bote“ sei die Brücke über die Elbe seit Jahren marode."]);
    let q = r.quote("Brücke über die Elbe");
    assert_eq!(q.kind, "indirect", "{}", r.dump());
    let r = run(&[
        "Der Kapitän Ole Hansen sagte am Sonntag, das Wetter sei schlecht gewesen.",
        "Wie die Tageszeitung „Nordkurier“ am Montag berichtete, sei die Fähre wieder in Betrieb.",
    ]);
    let q = r.quote("Fähre wieder in Betrieb");
    assert_eq!(q.kind, "indirect", "{}", r.dump());
    // a quoted name among the reported words stays part of a mixed quote
    let r = run(&["Wie die Firma Nordfilm mitteilte, werde ihr Film „Sturm über Kiel“ im Mai gezeigt."]);
    let q = r.quote("im Mai gezeigt");
    assert_eq!(q.kind, "mixed", "{}", r.dump());
}

#[test]
fn a_name_the_subject_gives_itself_is_no_quotation() {
    // "die sich selbst „…“ nennt", "die sich als „…“ präsentiert": a self-designation
    let r = run(&[
        "Die Gruppe, die sich selbst „Freunde der alten Eisenbahn im Norden“ nennt, sammelt seit Jahren Spenden.",
    ]);
    assert!(!r.all().iter().any(|f| f.kind == "direct"), "{}", r.dump());
    let r = run(&["Der Verein, der sich als „offene Werkstatt für alle Generationen“ präsentiert, zieht im Mai um."]);
    assert!(!r.all().iter().any(|f| f.kind == "direct"), "{}", r.dump());
}

#[test]
fn a_full_stop_without_its_space_still_ends_the_sentence() {
    // "… gesperrt.Die Polizei …": the next sentence's subject is not the previous sentence's
    let r = run(&["Die Stadtwerke Ulm meldeten am Morgen einen Rohrbruch.Die Polizei Ulm sagte, die Straße bleibe bis Freitag gesperrt."]);
    assert_eq!(r.quote("bis Freitag gesperrt").speaker, Some("Polizei Ulm"), "{}", r.dump());
}
