// The dashboard's charts. Each chart is drawn from the table beside it,
// which the server rendered: the table is the data, the chart only shows
// it, and readers of the table lose nothing.
import { Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

const palette = ["#64b5f6", "#1e88e5", "#2e7d32", "#c62828", "#ef6c00", "#6a1b9a", "#8d8d8d", "#00897b", "#f9a825"];

for (const fig of document.querySelectorAll("figure[data-chart]")) {
  const table = fig.querySelector("table");
  const canvas = fig.querySelector("canvas");
  if (!table || !canvas) continue;
  const heads = [...table.tHead.rows[0].cells].map((c) => c.textContent.trim());
  const rows = [...table.tBodies[0].rows].filter((r) => !r.classList.contains("total"));
  const labels = rows.map((r) => r.cells[0].textContent.trim());
  const series = heads.slice(1).map((h, i) => ({
    label: h,
    data: rows.map((r) => Number(r.cells[i + 1].dataset.value ?? "0")),
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
  });
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", fig.querySelector("figcaption")?.textContent.trim() || "");
  fig.dataset.ready = "true";
}
