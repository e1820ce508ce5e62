// The rich-text editor's toolbar in the admin's language.
//
// django-prose-editor 0.28 passes the words of its dialogs through window.gettext (the
// admin's JavaScript catalogue, which Django's change form loads first), but writes its
// toolbar's tooltips, screen-reader labels and block-menu entries as English literals,
// with no option or hook to change them. So once an editor is built (the library's
// documented "prose-editor:ready" event) those words go through the same gettext here,
// with the library's own English as the msgid (locale/*/LC_MESSAGES/djangojs.po): the
// entries keep working if a later version translates them itself.
// tests/browser/test_prose_editor.py fails when an upgrade changes these words.
//
// A classic script, so the listener is in place before the editor's modules run.
(function () {
  "use strict";
  var translate = window.gettext || function (text) { return text; };

  function translateButton(button) {
    ["title", "aria-label"].forEach(function (name) {
      var text = button.getAttribute(name);
      if (text) {
        button.setAttribute(name, translate(text));
      }
    });
  }

  // The block menu's button shows a copy of the current block's button, or, when the
  // selection spans several kinds of block, an icon with no title at all.
  function translateBlockButton(menubar) {
    menubar.querySelectorAll(".prose-menubar__selected > button").forEach(function (button) {
      if (button.title) {
        translateButton(button);
      } else {
        button.title = translate("Block type");
        button.setAttribute("aria-label", button.title);
      }
    });
  }

  function translateMenu(editor, textarea) {
    var menubar = textarea.closest(".prose-editor").querySelector(".prose-menubar");
    if (!menubar) {
      return;
    }
    menubar.querySelectorAll(".prose-menubar__button").forEach(translateButton);
    menubar.querySelectorAll(".prose-menubar__option > *").forEach(function (entry) {
      entry.textContent = translate(entry.textContent);
    });
    translateBlockButton(menubar);
    // The library makes that copy afresh in its own transaction listener, added
    // before this one, so this one sees the new copy.
    editor.on("transaction", function () {
      translateBlockButton(menubar);
    });
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var editor = event.detail.editor;
    var textarea = event.detail.textarea;
    // Tiptap builds the menu when it emits "create", a moment after the editor is made.
    if (editor.isInitialized) {
      translateMenu(editor, textarea);
    } else {
      editor.on("create", function () {
        translateMenu(editor, textarea);
      });
    }
  });
})();
