// Copy buttons of the «Cite this paper» box. Without this file the citations are
// plain text that a reader selects and copies; the buttons stay hidden.
(function () {
  "use strict";
  document.querySelectorAll("[data-cite]").forEach(function (box) {
    var status = box.querySelector(".cite__status");
    if (!navigator.clipboard || !status) return;
    box.querySelectorAll("[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent.trim()).then(
          function () { status.textContent = status.getAttribute("data-copied-text"); },
          function () {
            status.textContent = status.getAttribute("data-failed-text");
            window.getSelection().selectAllChildren(source);
          }
        );
      });
    });
  });
})();
