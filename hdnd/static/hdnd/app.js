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

  // Text compared without diacritics (đ → d) and case, as the server's folded search columns are.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  // The "Menu" button of the top bar on a narrow screen opens and closes the navigation.
  function setUpMenu() {
    var button = document.querySelector(".topbar .nav-toggle");
    var menu = document.getElementById("menu-chinh");
    if (!button || !menu) {
      return;
    }
    button.addEventListener("click", function () {
      var open = menu.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // Tables with a header row become cards on a phone: each cell gets its column's name (CSS shows it).
  function setUpCards() {
    document.querySelectorAll("main table").forEach(function (table) {
      var head = table.tHead && table.tHead.rows[0];
      if (!head || head.cells.length < 3 || table.hasAttribute("data-no-cards")) {
        return;
      }
      var names = Array.prototype.map.call(head.cells, function (cell) { return cell.textContent.trim(); });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var column = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if (names[column] && cell.colSpan === 1) {
              cell.setAttribute("data-label", names[column]);
            }
            column += cell.colSpan;
          });
        });
      });
      table.classList.add("cards-done");
    });
  }

  // A long <select> (bodies, people, documents) gets a search box above it that hides the options not
  // matching what is typed; a multiple one also gets "choose all shown", to add many people at once.
  var PICKER_MIN_OPTIONS = 20;
  function labelOf(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return (label && label.textContent.trim()) || select.getAttribute("aria-label") || select.name;
  }
  function enhancePicker(select) {
    if (select.options.length < PICKER_MIN_OPTIONS || select.hasAttribute("data-no-search") ||
        select.hasAttribute("data-autosubmit") || select.parentNode.classList.contains("picker")) {
      return;
    }
    var box = document.createElement("input");
    box.type = "search";
    box.className = "picker-search";
    box.placeholder = "Gõ để tìm…";
    box.setAttribute("aria-label", "Tìm trong danh sách: " + labelOf(select));
    box.autocomplete = "off";
    var count = document.createElement("small");
    count.className = "picker-count muted";
    count.setAttribute("aria-live", "polite");
    var texts = Array.prototype.map.call(select.options, function (option) { return fold(option.textContent); });
    // One wrapper holds the box, the select and its count, so a grid of filters keeps one cell per field.
    var wrapper = document.createElement("div");
    wrapper.className = "picker";
    select.parentNode.insertBefore(wrapper, select);
    wrapper.appendChild(box);
    wrapper.appendChild(select);
    wrapper.appendChild(count);
    var chooseAll = null;
    if (select.multiple) {
      chooseAll = document.createElement("button");
      chooseAll.type = "button";
      chooseAll.className = "outline secondary fit picker-all";
      chooseAll.textContent = "Chọn tất cả đang hiện";
      chooseAll.addEventListener("click", function () {
        Array.prototype.forEach.call(select.options, function (option) {
          if (!option.hidden && option.value) {
            option.selected = true;
          }
        });
        select.dispatchEvent(new Event("change", { bubbles: true }));
      });
      wrapper.appendChild(chooseAll);
    }
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      var firstShown = null;
      Array.prototype.forEach.call(select.options, function (option, i) {
        var match = !option.value || words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        option.hidden = !match;
        if (match && option.value) {
          shown += 1;
          firstShown = firstShown || option;
        }
      });
      count.textContent = words.length ? shown + " kết quả" : "";
      // A single choice follows the search when what it held is now hidden.
      if (!select.multiple && firstShown && (shown === 1 || (select.selectedOptions.length &&
          select.selectedOptions[0].hidden))) {
        firstShown.selected = true;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }
  function setUpPickers(root) {
    (root || document).querySelectorAll("main select").forEach(enhancePicker);
  }

  // On a phone a list's filter form (four fields or more) folds under "Bộ lọc", open when a filter is in use.
  function foldFilters() {
    if (!window.matchMedia("(max-width: 700px)").matches) {
      return;
    }
    document.querySelectorAll("main form.filters, main form.grid[method=get]").forEach(function (form) {
      var fields = form.querySelectorAll("input:not([type=hidden]), select");
      if (fields.length < 4 || form.parentNode.tagName === "DETAILS") {
        return;
      }
      var used = Array.prototype.filter.call(fields, function (f) { return f.value; }).length;
      var box = document.createElement("details");
      box.className = "filters-box";
      box.open = used > 0;
      var summary = document.createElement("summary");
      summary.textContent = used ? "Bộ lọc (" + used + " đang dùng)" : "Bộ lọc";
      box.appendChild(summary);
      form.parentNode.insertBefore(box, form);
      box.appendChild(form);
    });
  }

  function ready() {
    setUpMenu();
    foldFilters();
    setUpCards();
    setUpPickers();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
  // What htmx swaps in (a filtered table, a form) is set up too.
  document.addEventListener("htmx:afterSettle", function (event) {
    setUpCards();
    setUpPickers(event.target);
  });
})();
