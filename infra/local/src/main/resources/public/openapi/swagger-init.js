// Starts Swagger UI on this server's own API description (a file, not inline, so a strict CSP can allow it).
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    // The write routes' tokens and the admin token are pasted under "Authorize"; keep them across reloads.
    persistAuthorization: true
  });
});
