// The dashboard's charts. Each chart is drawn from the table beside it,
// which the server rendered: the table is the data, the chart only shows
// it, and readers of the table lose nothing.
import { Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

const palette = ["#64b5f6", "#1e88e5", "#2e7d32", "#c62828", "#ef6c00", "#6a1b9a", "#8d8d8d", "#00897b", "#f9a825"];

// suppressedLabels writes the text of each suppressed count ("<3", "x") at
// its place on the value axis's zero line, in the dataset's colour, so a
// suppressed count is seen as such and never read as 0.
const suppressedLabels = {
  id: "suppressedLabels",
  afterDatasetsDraw(chart) {
    const { ctx, scales } = chart;
    const horizontal = chart.options.indexAxis === "y";
    const cat = horizontal ? scales.y : scales.x;
    const val = horizontal ? scales.x : scales.y;
    ctx.save();
    ctx.font = "bold 11px sans-serif";
    ctx.textAlign = horizontal ? "left" : "center";
    ctx.textBaseline = horizontal ? "middle" : "bottom";
    chart.data.datasets.forEach((ds, d) => {
      if (!chart.isDatasetVisible(d) || !ds.suppressed) return;
      ds.suppressed.forEach((text, i) => {
        if (text === undefined) return;
        const at = cat.getPixelForValue(i);
        const zero = val.getPixelForValue(0);
        // Several suppressed series in one stacked bar are labelled one after another.
        const step = 12 * chart.data.datasets.slice(0, d).filter((o, k) => chart.isDatasetVisible(k) && o.suppressed && o.suppressed[i] !== undefined).length;
        ctx.fillStyle = ds.borderColor;
        if (horizontal) ctx.fillText(text, zero + 2 + step * 2, at);
        else ctx.fillText(text, at, zero - 2 - step);
      });
    });
    ctx.restore();
  },
};

for (const fig of document.querySelectorAll("figure[data-chart]")) {
  const table = fig.querySelector("table");
  const canvas = fig.querySelector("canvas");
  if (!table || !canvas) continue;
  const heads = [...table.tHead.rows[0].cells].map((c) => c.textContent.trim());
  const rows = [...table.tBodies[0].rows].filter((r) => !r.classList.contains("total"));
  const labels = rows.map((r) => r.cells[0].textContent.trim());
  // A suppressed count ("<3", or "x" when withheld so that another cannot
  // be worked out) has no value: it is left out of the bar and labelled.
  const value = (td) => (td.dataset.suppressed !== undefined ? null : Number(td.dataset.value ?? "0"));
  const series = heads.slice(1).map((h, i) => ({
    label: h,
    data: rows.map((r) => value(r.cells[i + 1])),
    suppressed: rows.map((r) => r.cells[i + 1].dataset.suppressed),
    backgroundColor: fig.dataset.colours ? fig.dataset.colours.split(",")[i] : palette[i % palette.length],
    borderColor: fig.dataset.colours ? fig.dataset.colours.split(",")[i] : palette[i % palette.length],
  }));
  const skip = (fig.dataset.skip || "").split(",").filter(Boolean).map(Number);
  const datasets = series.filter((_, i) => !skip.includes(i + 1));
  const horizontal = fig.dataset.chart === "hbar";
  new Chart(canvas, {
    type: fig.dataset.chart === "line" ? "line" : "bar",
    data: { labels, datasets },
    options: {
      indexAxis: horizontal ? "y" : "x",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { stacked: fig.dataset.stacked === "true" },
        y: { stacked: fig.dataset.stacked === "true", beginAtZero: true },
      },
      plugins: { legend: { display: datasets.length > 1, position: "bottom" } },
    },
    plugins: [suppressedLabels],
  });
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", fig.querySelector("figcaption")?.textContent.trim() || "");
  fig.dataset.ready = "true";
}
