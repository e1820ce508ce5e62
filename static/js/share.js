// Copy link and the browser's native share sheet. The share links themselves
// are plain <a> elements and work without this file.
(function () {
  "use strict";
  document.querySelectorAll("[data-share-url]").forEach(function (widget) {
    var url = widget.getAttribute("data-share-url");
    var title = widget.getAttribute("data-share-title");
    var status = widget.querySelector(".share__status");
    var copy = widget.querySelector("[data-copy-link]");
    var native = widget.querySelector("[data-native-share]");

    function say(text) {
      if (status) status.textContent = text;
    }

    if (copy && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(
          function () { say(status.getAttribute("data-copied-text")); },
          function () { say(status.getAttribute("data-failed-text")); }
        );
      });
    }
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {});
      });
    }
  });
})();
