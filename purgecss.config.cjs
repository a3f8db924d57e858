// `make vendor` cuts Bootstrap's CSS to the rules our pages can use. PurgeCSS keeps a selector
// when its class, id, element or attribute value appears in one of the files scanned: our
// templates, the Python that builds HTML (forms, charts, template tags), and from the venv
// (SITE_PACKAGES, passed by the Makefile) the crispy-bootstrap5 templates that render our
// forms and Django's widgets, which write the input types ([type=radio], [type=checkbox]).
const site = process.env.SITE_PACKAGES;
if (!site) throw new Error("Set SITE_PACKAGES to the venv's site-packages folder.");

module.exports = {
  content: [
    "templates/**/*.html",
    "planner/**/*.py",
    `${site}/crispy_bootstrap5/templates/**/*.html`,
    `${site}/django/forms/widgets.py`,
    `${site}/django/forms/templates/**/*.html`,
  ],
  css: ["node_modules/bootstrap/dist/css/bootstrap.min.css"],
  output: "static/vendor/bootstrap/css/bootstrap.min.css",
  safelist: {
    standard: [
      // Toggled at runtime by htmx or the browser, never written in a template.
      "show", "collapse", "collapsing", "htmx-request", "htmx-added", "htmx-settling",
      "htmx-swapping", "is-invalid", "is-valid", "was-validated", "active", "disabled",
      // Built from a message level: alert-{{ message.tags }} (success, info, warning, error).
      "alert-success", "alert-info", "alert-warning", "alert-danger",
    ],
  },
  // Custom properties no kept rule reads are dropped (our own CSS reads none of Bootstrap's);
  // keyframes are kept whole.
  variables: true,
  keyframes: false,
  fontFace: false,
};
