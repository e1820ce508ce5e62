// modeltranslation labels each language's tab with its code ("ar", "en"); editors read
// the language's own name instead («العربية», "English"), in its own direction. The names
// come from the page (#language-names, from the translation catalogues), not this file.
// Runs on load, after modeltranslation has built the tabs on DOM ready.
window.addEventListener("load", function () {
  "use strict";
  var names = {};
  document.querySelectorAll("#language-names [data-code]").forEach(function (item) {
    names[item.dataset.code] = { name: item.textContent, dir: item.dir };
  });
  function named(code) {
    return Object.prototype.hasOwnProperty.call(names, code) ? names[code] : null;
  }
  // The switch above the form that turns every tab to one language, likewise.
  document.querySelectorAll("#modeltranslation-main-switch option").forEach(function (option) {
    var language = named(option.textContent.trim().toLowerCase());
    if (language) {
      option.textContent = language.name;
    }
  });
  document.querySelectorAll(".ui-tabs-nav a[href^='#tab_']").forEach(function (link) {
    var code = link.textContent.trim().toLowerCase();
    var language = named(code);
    if (language) {
      link.textContent = language.name;
      link.lang = code;
      link.dir = language.dir;
    }
  });
});
