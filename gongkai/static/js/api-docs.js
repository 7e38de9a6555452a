/* Starts Swagger UI on /api/docs from the settings the page carries (no inline script: CSP). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("swagger-settings").textContent);
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis];
  config.validatorUrl = null; // the badge would ask an outside validator
  window.ui = SwaggerUIBundle(config);
})();
