// A tiny single-page app: links change the route with history.pushState and re-render the article.
(function () {
  'use strict';
  const stories = {
    bridge: {
      title: 'The old bridge will close for repairs',
      paras: [
        'Engineers found cracks in the supports of the old bridge during an inspection last week.',
        '“The bridge is safe for pedestrians but not for lorries,” said Helen Moss, the chief engineer.',
        'The repairs are expected to take four months.',
      ],
    },
    school: {
      title: 'A new school opens in the north district',
      paras: [
        'Three hundred pupils started lessons on Monday in the new school building.',
        '“The children finally have a library of their own,” said David Okafor, the head teacher.',
        '“It took us six years to get here,” Okafor added.',
      ],
    },
  };
  function render() {
    const key = new URLSearchParams(location.search).get('story') || 'bridge';
    const s = stories[key] || stories.bridge;
    const app = document.getElementById('app');
    const art = document.createElement('article');
    art.className = 'story';
    const h1 = document.createElement('h1');
    h1.textContent = s.title;
    art.appendChild(h1);
    for (const t of s.paras) {
      const p = document.createElement('p');
      p.textContent = t;
      art.appendChild(p);
    }
    app.replaceChildren(art);
    document.title = s.title;
  }
  document.addEventListener('click', (ev) => {
    const a = ev.target.closest('a[data-route]');
    if (!a) return;
    ev.preventDefault();
    history.pushState({}, '', '?story=' + a.dataset.route);
    render();
  });
  window.addEventListener('popstate', render);
  window.go = (route) => { history.pushState({}, '', '?story=' + route); render(); };
  render();
})();
