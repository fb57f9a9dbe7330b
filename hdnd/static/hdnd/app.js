// Behaviour the templates ask for through data attributes, so that no page needs inline script and the
// Content-Security-Policy can forbid it (script-src 'self').
(function () {
  "use strict";
  // <form data-confirm="Câu hỏi?">: ask before sending; a "no" stops the submission before htmx or the
  // browser sees it (capture phase on the document runs first).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
  // <select data-autosubmit>: choosing a value sends its form (the council switch, the dashboard's year).
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });
  // <form data-submit-on-ctrl-enter>: Ctrl+Enter sends the form (quick entry of petitions, one after another).
  document.addEventListener("keydown", function (event) {
    var form = event.target.closest && event.target.closest("form[data-submit-on-ctrl-enter]");
    if (form && event.ctrlKey && event.key === "Enter") {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  // <div data-reload-on="an.event"> (the passkey list): reload the page when that event bubbles up, so a
  // passkey just registered in the browser shows in the list.
  document.querySelectorAll("[data-reload-on]").forEach(function (element) {
    element.addEventListener(element.getAttribute("data-reload-on"), function () {
      window.location.reload();
    });
  });
})();
