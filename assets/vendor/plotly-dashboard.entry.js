// The plotly.js bundle the dashboard's browser pages load (assets/vendor/README.md):
// plotly.js core (which holds `scatter`) and the traces the figure builders draw. The same
// list is dashboard/plotly_bundle.py's BUNDLED_TRACES; a test keeps the two and the figures
// in step. Build: `make vendor-js`.
'use strict';
var Plotly = require('plotly.js/lib/core');
Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scattergeo'),
]);
module.exports = Plotly;
