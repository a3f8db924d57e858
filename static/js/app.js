// Progressive enhancement only: every page works without this file.
(() => {
  "use strict";

  // Spouse questions show only on a married return, the details only when the spouse is
  // included; the server ignores them otherwise (planner/forms.py HouseholdForm).
  function showSpouseQuestions() {
    const status = document.querySelector('select[name="filing_status"]');
    const included = document.querySelector('input[name="has_spouse"]');
    if (!status || !included) return;
    const married = status.value.startsWith("married");
    document.querySelectorAll(".spouse-question").forEach((el) => { el.hidden = !married; });
    document.querySelectorAll(".spouse-details").forEach((el) => {
      el.hidden = !(married && included.checked);
    });
  }

  // A second employer's plan: its questions show only with its box ticked (per person); the
  // server ignores them otherwise (planner/forms.py ContributionsForm).
  function showSecondPlanQuestions() {
    document.querySelectorAll(".second-plan-question").forEach((question) => {
      const box = question.querySelector('input[type="checkbox"]');
      const details = question.nextElementSibling;
      if (box && details && details.classList.contains("second-plan-details")) {
        details.hidden = !box.checked;
      }
    });
  }

  // A person's plan questions show only when they have a workplace plan; the server
  // ignores them after "No workplace plan" (planner/forms.py ContributionsForm).
  function showPlanQuestions() {
    document.querySelectorAll(".plan-question").forEach((question) => {
      const chosen = question.querySelector('input[type="radio"]:checked');
      const details = question.nextElementSibling;
      if (details && details.classList.contains("plan-details")) {
        details.hidden = Boolean(chosen && chosen.value === "no");
      }
    });
  }

  // On a phone the panel sits below the form; the sticky status's link opens it over the
  // form instead of scrolling away from what is being typed (without JS it scrolls). Going
  // back to a field closes it, so the open panel never covers the field being typed.
  function enablePanelToggle() {
    const more = document.querySelector(".panel-status-more");
    const aside = more && more.closest("aside");
    const form = document.getElementById("wizard-form");
    if (!aside || !window.matchMedia("(max-width: 991.98px)").matches) return;
    const panel = aside.querySelector(".comparison-panel");
    const bar = more.closest(".panel-status");
    function show(open) {
      aside.classList.toggle("panel-open", open);
      // Just above the sticky status, however many lines it wraps to (CSSOM, CSP-safe).
      if (panel && bar) panel.style.bottom = open ? `${bar.offsetHeight}px` : "";
      more.setAttribute("aria-expanded", String(open));
      more.textContent = open ? "Hide comparison" : "Full comparison";
    }
    more.setAttribute("role", "button");
    more.setAttribute("aria-expanded", "false");
    more.setAttribute("aria-controls", "comparison");
    more.addEventListener("click", (event) => {
      event.preventDefault();
      show(!aside.classList.contains("panel-open"));
    });
    if (form) {
      form.addEventListener("focusin", () => {
        if (aside.classList.contains("panel-open")) show(false);
      });
    }
  }

  // Typing is saved when the step's form is submitted (Next, Back, a step link). Leaving
  // any other way (the browser's Back, a reload, another link) asks first, so typing is
  // never lost without a word.
  function guardUnsavedTyping() {
    const form = document.getElementById("wizard-form");
    if (!form) return;
    let typed = false;
    form.addEventListener("input", () => { typed = true; });
    document.addEventListener("submit", () => { typed = false; });
    window.addEventListener("beforeunload", (event) => {
      if (typed) event.preventDefault();
    });
  }

  function start() {
    guardUnsavedTyping();
    showSpouseQuestions();
    showSecondPlanQuestions();
    showPlanQuestions();
    enablePanelToggle();
    document.addEventListener("change", (event) => {
      const name = event.target && event.target.name;
      if (name === "filing_status" || name === "has_spouse") showSpouseQuestions();
      if (name && name.endsWith("has_second_plan")) showSecondPlanQuestions();
      if (name && name.endsWith("has_plan")) showPlanQuestions();
    });
    // After a failed submit, keyboard and screen-reader users start at the error summary.
    const summary = document.getElementById("error-summary");
    if (summary && document.activeElement !== summary) summary.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
