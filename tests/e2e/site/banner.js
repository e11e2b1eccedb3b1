// A page whose layout never stops changing: an animated banner at the top of the article changes
// its height every animation frame, so every paragraph below it moves every frame.
// window.banner.frames counts the frames; window.banner.stop(px) stops it at a height.
(function () {
  'use strict';
  const el = document.getElementById('banner');
  let running = true;
  window.banner = {
    frames: 0,
    stop(px) { running = false; el.style.height = px + 'px'; },
  };
  function tick() {
    if (!running) return;
    window.banner.frames++;
    el.style.height = Math.round(60 + 40 * Math.sin(window.banner.frames / 8)) + 'px';
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})();
