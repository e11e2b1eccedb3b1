/* QuoteLens demo — sample articles. Written for this demo (fictional events and people); each one
 * exercises something the engine has to get right. Defines one global, `QuoteLensSamples`.
 *
 * blocks[i] = {kind: heading | paragraph | caption | listitem | blockquote, text, standfirst?}; the
 * text is shown exactly as written (NBSP and emoji included) and handed to the engine unchanged;
 * `standfirst` only styles the paragraph.
 */
(function (root) {
  'use strict';

  root.QuoteLensSamples = [
    {
      id: 'regulator',
      label: 'Company vs regulator',
      lang: 'en',
      about: '“The company said”, an acronym, a named official, “according to”, paraphrase.',
      blocks: [
        { kind: 'heading', text: 'Northwind Energy rejects regulator’s findings on pipeline leaks' },
        { kind: 'paragraph', standfirst: true, text: 'The Federal Energy Safety Authority says dozens of leaks went unreported. The company calls the report “deeply flawed”.' },
        { kind: 'paragraph', text: 'Northwind Energy on Tuesday rejected claims by the Federal Energy Safety Authority (FESA) that it had failed to report dozens of gas leaks along its Baltic pipeline.' },
        { kind: 'paragraph', text: '“The report relies on incomplete data and ignores the independent inspections we commissioned last year,” the company said in a statement. “We have reported every incident exactly as the law requires.”' },
        { kind: 'paragraph', text: 'FESA said in its findings that at least 41 leaks between 2021 and 2023 had gone unreported, and that the company’s monitoring equipment was “years out of date”.' },
        { kind: 'caption', text: 'A Northwind compressor station near Lubmin, on the Baltic coast.' },
        { kind: 'paragraph', text: '“We stand by every figure in this report,” said Marta Lindqvist, the authority’s director of enforcement. “Northwind had every opportunity to correct the record and chose not to.”' },
        { kind: 'paragraph', text: 'Lindqvist added that the agency would decide next month whether to refer the case to prosecutors.' },
        { kind: 'paragraph', text: 'According to Daniel Okafor, Northwind’s chief executive, the company has spent more than €200 million on upgrades since 2020.' },
        { kind: 'paragraph', text: '“We are confident that a court would see this differently,” Okafor told reporters in Hamburg on Wednesday.' },
        { kind: 'paragraph', text: 'Shares in Northwind fell 4 percent in early trading.' },
      ],
    },
    {
      id: 'senate',
      label: 'Senate vote',
      lang: 'en',
      about: 'Named people, “she” and “he”, a quote over two paragraphs, a scare quote.',
      blocks: [
        { kind: 'heading', text: 'Senator Hale breaks with her party over housing bill' },
        { kind: 'paragraph', text: 'WASHINGTON — Senator Rebecca Hale said on Thursday that she would vote against her own party’s housing bill, calling it “a giveaway to developers dressed up as reform.”' },
        { kind: 'paragraph', text: '“I have spent twenty years fighting for affordable homes in this state,” she told reporters outside the Capitol. “I am not going to pretend that this bill does what its sponsors say it does.' },
        { kind: 'paragraph', text: '“It raises rents in the short term, it weakens tenant protections, and it does not guarantee that a single new home will be built.”' },
        { kind: 'paragraph', text: 'The bill’s sponsor, Representative Tom Alvarez, dismissed the criticism. “Senator Hale is entitled to her opinion, but the numbers speak for themselves,” he said.' },
        { kind: 'paragraph', text: 'Alvarez said the so-called “sweeteners” for builders were modest and would be reviewed after two years.' },
        { kind: 'paragraph', text: 'Asked whether the vote could cost her the chair of the banking committee, Hale smiled. “We’ll see,” she said.' },
        { kind: 'paragraph', text: 'The White House declined to comment.' },
      ],
    },
    {
      id: 'unicode',
      label: 'Kharkiv robots (Unicode)',
      lang: 'en',
      about: 'Curly quotes, no-break spaces, emoji before and inside quotes, Cyrillic.',
      blocks: [
        { kind: 'heading', text: '🚀 Kharkiv start-up wins European robotics prize' },
        { kind: 'paragraph', text: 'A team of engineers from Kharkiv has won the European Robotics Challenge 🏆 with a mine-clearing robot built in a converted bakery.' },
        { kind: 'paragraph', text: '“We built the first prototype from washing-machine parts,” said Olena Kovalenko (Олена Коваленко), the team’s 29-year-old lead engineer. “Now it can map a field of 2\u00A0hectares in under an hour.”' },
        { kind: 'paragraph', text: 'The head of the jury, Professor Jean-Luc Martin of the École polytechnique, called the robot “the most elegant design we have seen in ten years”.' },
        { kind: 'paragraph', text: '🤖 “It is not the biggest robot, but it is the one I would trust in a field,” Martin said.' },
        { kind: 'paragraph', text: 'Kovalenko said the team’s motto was “Роби, що мусиш” (do what you must) and that the €50\u00A0000 prize would pay for field trials near Izium.' },
        { kind: 'paragraph', text: '“Every square metre we clear is a field that can be farmed again 🌻,” she said.' },
      ],
    },
    {
      id: 'bahn',
      label: 'Bahn nach Prag (Deutsch)',
      lang: 'de',
      about: 'German „…“ quotation marks, titles before names, „laut“.',
      blocks: [
        { kind: 'heading', text: 'Bahn kündigt neue Verbindungen nach Prag an' },
        { kind: 'paragraph', text: 'Die Deutsche Bahn will ab Dezember stündlich Züge zwischen Berlin und Prag fahren lassen.' },
        { kind: 'paragraph', text: '„Wir wollen die Fahrzeit auf unter vier Stunden senken“, sagte Bahnchefin Anna Becker am Montag in Berlin.' },
        { kind: 'paragraph', text: 'Der tschechische Verkehrsminister Jan Novák begrüßte die Pläne. „Das ist ein guter Tag für Reisende in beiden Ländern“, erklärte er.' },
        { kind: 'paragraph', text: 'Kritik kam vom Fahrgastverband Pro Bahn. „Ohne neue Gleise bleibt das ein Versprechen auf dem Papier“, sagte Sprecher Markus Vogel.' },
        { kind: 'paragraph', text: 'Laut Becker sollen die ersten neuen Züge im Herbst geliefert werden.' },
      ],
    },
  ];
})(typeof globalThis !== 'undefined' ? globalThis : this);
