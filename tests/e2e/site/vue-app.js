// Mounts the Vue 3 fixture; framework errors and warnings are collected in window.__frameworkErrors.
(function () {
  'use strict';
  const errors = (window.__frameworkErrors = []);
  const app = Vue.createApp(QuoteLensFixture.vueApp(Vue));
  app.config.errorHandler = (e) => { errors.push(String(e && e.message || e)); };
  app.config.warnHandler = (m) => { errors.push('warning: ' + m); };
  app.mount('#app');
  window.__hydrated = true;
})();
