// modeltranslation labels each language's tab with its code ("ar", "en"); editors read
// the language's own name instead («العربية», "English"), written in its own direction.
// Runs on load, after modeltranslation has built the tabs on DOM ready.
window.addEventListener("load", function () {
  "use strict";
  var names = { ar: ["العربية", "rtl"], en: ["English", "ltr"] };
  // The switch above the form that turns every tab to one language, likewise.
  document.querySelectorAll("#modeltranslation-main-switch option").forEach(function (option) {
    var code = option.textContent.trim().toLowerCase();
    if (Object.prototype.hasOwnProperty.call(names, code)) {
      option.textContent = names[code][0];
    }
  });
  document.querySelectorAll(".ui-tabs-nav a[href^='#tab_']").forEach(function (link) {
    var code = link.textContent.trim().toLowerCase();
    if (Object.prototype.hasOwnProperty.call(names, code)) {
      link.textContent = names[code][0];
      link.lang = code;
      link.dir = names[code][1];
    }
  });
});
