// The council story as a component, for the framework fixtures (react.html, vue.html). Text written
// for this project. `version` 0 / 1 switches the quoted paragraph's text, as a re-render does.
(function (root) {
  'use strict';
  const QUOTE = [
    '\u201cWe have not changed our minds,\u201d said Maria Keller, the council\u2019s finance chair.',
    '\u201cWe have changed our minds,\u201d said Maria Keller, the council\u2019s finance chair.',
  ];
  const PARAS = [
    'The city council debated the new tram line for three hours on Thursday evening.',
    'Opponents said the route would cut through the old market square and close two bus stops.',
    '\u201cThe square belongs to everyone, not to the trams,\u201d said Tomas Berg, who runs a fruit stall there.',
    'The council will publish a revised plan before the summer recess, officials said.',
  ];
  function reactApp(React) {
    const h = React.createElement;
    return function App(props) {
      const [version, setVersion] = React.useState(props.version || 0);
      React.useEffect(() => { if (typeof window !== 'undefined') window.__bump = () => setVersion((v) => 1 - v); }, []);
      return h('article', { className: 'story' },
        h('h1', null, 'Tram line: council split over the market square'),
        h('p', null, PARAS[0]),
        h('p', { id: 'quoted' }, QUOTE[version]),
        h('p', null, PARAS[1]),
        h('p', null, PARAS[2]),
        h('p', null, PARAS[3]));
    };
  }
  function vueApp(Vue) {
    const h = Vue.h;
    return {
      data: () => ({ version: 0 }),
      mounted() { window.__bump = () => { this.version = 1 - this.version; }; },
      render() {
        return h('article', { class: 'story' }, [
          h('h1', 'Tram line: council split over the market square'),
          h('p', PARAS[0]),
          h('p', { id: 'quoted' }, QUOTE[this.version]),
          h('p', PARAS[1]),
          h('p', PARAS[2]),
          h('p', PARAS[3]),
        ]);
      },
    };
  }
  const api = { QUOTE, reactApp, vueApp };
  if (typeof module !== 'undefined' && module.exports) module.exports = api; else root.QuoteLensFixture = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
