// A page that never stops changing: a clock inside the article ticks every 100 ms; window.tickOutside()
// starts a ticker outside the article that rewrites a long paragraph every 100 ms.
(function () {
  'use strict';
  window.__ticks = 0;
  const clock = document.getElementById('clock');
  setInterval(() => {
    window.__ticks++;
    clock.textContent = new Date().toISOString().slice(11, 21);
  }, 100);
  window.tickOutside = () => {
    const p = document.querySelector('#ticker p');
    let n = 0;
    setInterval(() => {
      n++;
      p.textContent = `Markets update ${n}: shares in the harbour company rose and fell again while traders waited for the final results from the northern districts.`;
    }, 100);
  };
})();
