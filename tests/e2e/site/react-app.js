// Hydrates the server-rendered React fixture. ?after-labels: only once QuoteLens has labelled the
// page (data-quotelens-state=done), so that hydration meets a labelled DOM.
(function () {
  'use strict';
  const errors = (window.__frameworkErrors = []);
  function hydrate() {
    const App = QuoteLensFixture.reactApp(React);
    ReactDOM.hydrateRoot(document.getElementById('root'), React.createElement(App, { version: 0 }), {
      onRecoverableError: (e) => errors.push(String(e && e.message || e)),
    });
    window.__hydrated = true;
  }
  if (!/after-labels/.test(location.search)) { hydrate(); return; }
  const wait = () => (document.documentElement.getAttribute('data-quotelens-state') === 'done' ? hydrate() : setTimeout(wait, 50));
  wait();
})();
