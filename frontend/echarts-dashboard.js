// The parts of Apache ECharts the exchange dashboard draws (static/js/dashboard.js): bar and line charts on a grid,
// with a tooltip, rendered as SVG. `make static/vendor/echarts.min.js` bundles them with esbuild into window.echarts.
import { use, init } from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

use([BarChart, LineChart, GridComponent, TooltipComponent, SVGRenderer]);

export { init };
