//! Behaviour that spans the rules (entity resolution, mixed speech, titles, German, patterns found
//! on real news), on news sentences written for this project. Each rule's own tests sit at the
//! end of its file in `src/sieves/`.
mod common;
use common::run;

// ---- entity resolution

#[test]
fn acronym_and_full_name_are_one_speaker() {
    let r = run(&[
        "The Federal Aviation Administration grounded the fleet on Sunday.",
        "\"No aircraft will fly until every engine has been inspected,\" the FAA said.",
    ]);
    assert_eq!(r.quote("every engine").speaker, Some("Federal Aviation Administration"));
    assert_eq!(r.a.speakers.len(), 1);
}

#[test]
fn surname_resolves_to_earliest_full_name_and_title_is_role() {
    let r = run(&[
        "Prime Minister Keiko Tanaka arrived in Osaka late on Thursday.",
        "\"We will rebuild every home,\" Tanaka said.",
    ]);
    let q = r.quote("rebuild every home");
    assert_eq!(q.speaker, Some("Keiko Tanaka"));
    assert_eq!(q.role, Some("Prime Minister"));
}

// ---- indirect and mixed speech

#[test]
fn mixed_quote_is_the_clause() {
    let r =
        run(&["Senator Alan Pierce called the proposal \"a gift to polluters\" and said he would vote against it."]);
    let all = r.all();
    let mixed: Vec<_> = all.iter().filter(|f| f.kind == "mixed").collect();
    assert!(
        mixed.iter().any(|f| f.text.contains("a gift to polluters") && f.speaker == Some("Alan Pierce")),
        "{}",
        r.dump()
    );
}

#[test]
fn scare_quotes_and_titles_are_not_quotes() {
    let r = run(&[
        "Critics say the firm's 'links' to the ministry were never explained.",
        "She reviewed \"Midnight Harbour\" for the festival guide last year.",
    ]);
    assert!(!r.all().iter().any(|f| f.text == "'links'"), "{}", r.dump());
    assert!(!r.all().iter().any(|f| f.text == "\"Midnight Harbour\""), "{}", r.dump());
}

#[test]
fn first_person_inside_quote_is_never_the_speaker() {
    let r = run(&["\"I never saw the letter, and we never signed it,\" said Colm Byrne."]);
    assert_eq!(r.quote("never saw the letter").speaker, Some("Colm Byrne"));
}

#[test]
fn unattributed_when_nobody_is_there() {
    let r = run(&["\"The river rose faster than anyone expected, and then it simply kept rising.\""]);
    assert_eq!(r.quote("river rose").speaker, None);
}

// ---- German

#[test]
fn german_marks_and_verbs() {
    let r = run(&[
        "Die Bürgermeisterin Anna Keller besuchte am Montag die Baustelle.",
        "„Wir liegen im Zeitplan und im Budget“, sagte Keller.",
    ]);
    let q = r.quote("im Zeitplan");
    assert_eq!(q.kind, "direct");
    assert_eq!(q.speaker, Some("Anna Keller"));
}

#[test]
fn sieve_order_is_configurable() {
    let mut cfg = quotelens::Config::default();
    cfg.set_sieve_order(&["leading-cue"]).unwrap();
    let r = common::run_with(
        &["\"We won,\" she said. Then Mayor Ruiz said: \"We will celebrate tonight in the square.\""],
        &cfg,
    );
    assert_eq!(r.quote("celebrate tonight").rule, "leading-cue");
    assert!(cfg.set_sieve_order(&["nope"]).is_err());
}

// ---- patterns found by evaluating on real news (each was a bug once)

#[test]
fn honorific_before_a_title_word_is_a_name() {
    let r = run(&["''We pay our producers well,'' Mr. King said."]);
    assert_eq!(r.quote("producers well").speaker, Some("King"));
}

#[test]
fn possessive_name_describes_another_speaker() {
    let r = run(&[
        "\"That was outrageous and he should apologise,\" Obama's former campaign strategist said on Wednesday.",
    ]);
    assert_eq!(r.quote("outrageous").speaker, Some("Obama's former campaign strategist"));
}

#[test]
fn party_and_state_after_a_name() {
    let r = run(&["\"Subpoenas are not optional for anyone,\" panel Chairman Rep. Jason Chaffetz (R-Utah) said after the hearing."]);
    let q = r.quote("not optional");
    assert_eq!(q.speaker, Some("Jason Chaffetz"));
}

#[test]
fn told_names_the_listener_not_the_speaker() {
    let r = run(&["The mayor asked the crowd to welcome the governor: \"my new best friend in this state.\""]);
    assert!(r.all().iter().all(|f| f.speaker != Some("the crowd to welcome the governor")), "{}", r.dump());
}

#[test]
fn german_lowercase_fragments_are_verbatim_english_short_ones_are_not() {
    let de = run(&[
        "Der Geschäftsführer wies alle Vorwürfe der Umweltbehörde als „haltlos“ zurück und kündigte eine Klage an.",
    ]);
    assert!(de.all().iter().any(|f| f.text == "„haltlos“" && f.kind == "direct"), "{}", de.dump());
    let en = run(&["The manager called the regulator's claims \"baseless\" in a short note to the staff yesterday."]);
    assert!(!en.all().iter().any(|f| f.text == "\"baseless\"" && f.kind == "direct"), "{}", en.dump());
}

#[test]
fn plural_and_coordinated_subjects_take_base_form_verbs() {
    let r = run(&["But many Democrats say the new district maps will cost them three seats in the spring."]);
    assert_eq!(r.quote("district maps").kind, "indirect");
    let r = run(&["Senators Anne Grove and Tom Leahy say other changes to the visa program are needed soon."]);
    assert_eq!(r.quote("other changes").kind, "indirect");
}

// ---- German separable verbs, naming verbs, titles of works

#[test]
fn german_separable_verb_is_a_cue_with_its_particle() {
    let r = run(&["Die Anwältin Petra Lindner gab an, dass ihre Mandantin „große Angst vor dem Prozess hatte“."]);
    let q = r.quote("ihre Mandantin");
    assert_eq!(q.kind, "mixed");
    assert_eq!(q.speaker, Some("Petra Lindner"));
    // "gab" without its particle is a plain verb: no reported speech
    let r = run(&["Im Hafen von Kiel gab es am Montag keine Verletzten, die Feuerwehr war schnell vor Ort."]);
    assert!(r.all().is_empty(), "{}", r.dump());
}

#[test]
fn german_naming_verbs_attribute_the_label_without_a_clause() {
    let r = run(&["Der Verkehrsminister Jan Kowalczyk bezeichnete den Streik als „Erpressung der Fahrgäste“."]);
    let q = r.quote("Erpressung");
    assert_eq!(q.kind, "direct");
    assert_eq!(q.speaker, Some("Jan Kowalczyk"));
    assert!(!r.all().iter().any(|f| f.kind == "mixed"), "{}", r.dump());
}

#[test]
fn a_quote_after_a_noun_naming_a_work_is_a_title() {
    let de =
        run(&["Der Autor Lukas Brandt stellte am Sonntag sein Buch „Die Stadt der leeren Straßen“ in Leipzig vor."]);
    assert!(de.all().is_empty(), "{}", de.dump());
    let de = run(&["Wie der Fernsehsender „Kanal Nord“ berichtete, sei die Brücke seit Montag gesperrt."]);
    assert!(!de.all().iter().any(|f| f.kind == "direct"), "{}", de.dump());
    let en =
        run(&["She later starred in the film “nobody knew what to say that night” with her brother, the studio said."]);
    assert!(!en.all().iter().any(|f| f.kind == "direct"), "{}", en.dump());
}

#[test]
fn a_quote_the_clause_runs_on_after_is_mixed_speech() {
    let r =
        run(&["Senator Dana Whitfield said \"modest savings\" and a new fuel tax would pay for the bridge repairs."]);
    let q = r.quote("fuel tax");
    assert_eq!(q.kind, "mixed");
    assert_eq!(q.speaker, Some("Dana Whitfield"));
    let r = run(&[
        "Die Ministerin Helga Brandl besuchte am Montag die Grenzstadt.",
        "Sie sagte, „rechtsfreie Räume“ dürfe es in der Region nicht geben.",
    ]);
    let q = r.quote("dürfe es");
    assert_eq!(q.kind, "mixed");
    assert_eq!(q.speaker, Some("Helga Brandl"));
}

// ---- speakers that are not speakers

#[test]
fn passive_subjects_and_captions_do_not_speak() {
    // the subject of a passive cue is not its speaker
    let r = run(&["Harbour pilot Sam Okafor was called in to assist the stranded ferry on Sunday night."]);
    assert!(r.all().is_empty(), "{}", r.dump());
    // an inverted cue with a trailing time and place keeps the clause before it
    let r = run(&["The harbour will close at noon, officials said on Monday after the storm."]);
    assert_eq!(r.quote("harbour will close").kind, "indirect");
}

#[test]
fn places_datelines_groups_and_nobody_are_not_people() {
    // "Sudan" is not the surname of "South Sudan"
    let r = run(&[
        "Aid groups reached camps in neighbouring South Sudan this week.",
        "Sudan has said it will improve access for aid groups and stop supporting the rebels.",
    ]);
    assert_eq!(r.quote("improve access").speaker, Some("Sudan"));
    // "American officials" are unnamed officials, not a speaker called "American"
    let r = run(&["American officials said the talks had shown important progress on several fronts."]);
    assert_eq!(r.quote("important progress").speaker, Some("American officials"));
    // a dateline is a place; "no group claimed" reports nothing
    let r = run(&[
        "CAIRO — No group claimed responsibility, but the bloodshed raised fears that the militants were expanding.",
    ]);
    assert!(r.all().iter().all(|f| f.speaker.is_none()), "{}", r.dump());
}

#[test]
fn naming_participles_gerunds_and_sentence_adverbs_are_not_speech() {
    let r = run(&["To time the choice, the researchers used a technique called \"mental chronometry\" in every trial of the study."]);
    assert!(r.all().is_empty(), "{}", r.dump());
    let r = run(&["Unless you sit close to a large screen, you would have a hard time telling the two formats apart."]);
    assert!(r.all().is_empty(), "{}", r.dump());
    let r = run(&["Basically, don't expect your entire game library to look better on the new console."]);
    assert!(r.all().iter().all(|f| f.speaker.is_none()), "{}", r.dump());
}

#[test]
fn german_dates_do_not_end_sentences_and_heissen_names() {
    let r = run(&["Wie die Plattenfirma Nordton mitteilte, wird das neue Album am 12. Oktober in allen Läden erscheinen. Der Titel heißt wie die geplante Tournee im Herbst."]);
    let q = r.quote("12. Oktober");
    assert_eq!(q.kind, "indirect");
    assert!(q.text.ends_with("erscheinen"), "{}", r.dump());
    assert!(!r.has("geplante Tournee"), "{}", r.dump());
}

#[test]
fn a_company_title_before_a_person_is_role() {
    let r = run(&[
        "Facebook CEO Mark Zuckerberg testified on Tuesday in the lawsuit over the headset maker.",
        "Zuckerberg said the deal had been the right move at the right time for both companies.",
    ]);
    let q = r.quote("right move");
    assert_eq!(q.speaker, Some("Mark Zuckerberg"));
    // an organisation's own name is not split at a title word inside it
    let r = run(&["The Department of Homeland Security said the threat level would not change this week."]);
    assert_eq!(r.quote("threat level").speaker, Some("Department of Homeland Security"));
}

#[test]
fn organisation_names_with_of_speak_whole() {
    let r = run(&["The Bank of England said the rate would stay at five percent until the spring."]);
    assert_eq!(r.quote("rate would stay").speaker, Some("Bank of England"));
    let r = run(&["The Department of Energy said the pipeline would reopen after the inspection."]);
    assert_eq!(r.quote("pipeline would reopen").speaker, Some("Department of Energy"));
}

#[test]
fn department_names_listeners_and_someone_elses_office() {
    let r = run(&["The State Department said in a statement that the embassy would remain open through the holiday."]);
    assert_eq!(r.quote("embassy would remain").speaker, Some("State Department"));
    let r = run(&["Prime Minister Ana Ruiz told reporters the deal was not final and talks would go on."]);
    let q = r.quote("deal was not final");
    assert!(q.text.starts_with("the deal"), "{}", r.dump());
    assert_eq!(q.speaker, Some("Ana Ruiz"));
    let r = run(&[
        "The Ministry of Transport closed two lanes of the coastal road on Monday.",
        "\"The numbers do not lie about this road,\" the governor's office said in a statement.",
    ]);
    assert_eq!(r.quote("numbers do not lie").speaker, Some("the governor's office"));
}

#[test]
fn abbreviated_appositives_and_document_authors() {
    let r = run(&["Sen. Maria Delgado, D-Ariz., said the water compact had failed the farmers of the valley."]);
    assert_eq!(r.quote("water compact").speaker, Some("Maria Delgado"));
    let r = run(&[
        "\"We will appeal,\" said Tom Reyes, the mayor of the town.",
        "The survey, published by the Harbor Research Institute, found that most residents support the new levee.",
    ]);
    assert_eq!(r.quote("most residents support").speaker, Some("Harbor Research Institute"));
}
