// Adds paragraphs after load, like lazy-loading news pages do.
(function () {
  'use strict';
  const extra = [
    ['Fishermen worry about the noise.', '“Nobody asked us before the plan was drawn up,” said Ingrid Berg, who chairs the fishermen’s association.'],
    ['The mayor defended the timetable.', '“We cannot wait another ten years,” Karin Dahl, the mayor, told the council.'],
    ['Environmental groups were cautious.', '“We will read every page of it,” said Tomas Lind of the Green Coast group.'],
  ];
  let next = 0;
  function addParagraph(pair) {
    const more = document.getElementById('more');
    for (const text of pair || extra[next++ % extra.length]) {
      const p = document.createElement('p');
      p.textContent = text;
      more.appendChild(p);
    }
  }
  window.addParagraph = addParagraph;
  document.getElementById('load-more').addEventListener('click', () => addParagraph());
  // one lazy batch shortly after load
  setTimeout(() => addParagraph(), 300);
})();
