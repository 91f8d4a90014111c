import {
  ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, Tooltip,
} from 'chart.js';
import { byId, intentLabel } from './dom';
import { intents, type ScoredLead } from './types';

// Register only what the two charts use, so the bundle carries a fraction of Chart.js.
Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale, Tooltip);

// The badge colours, dark enough for 3:1 contrast against white as graphics need (WCAG 1.4.11).
export const intentColours: Record<string, string> = { High: '#15803d', Medium: '#b45309', Low: '#4b5563' };
const bins = Array.from({ length: 10 }, (_, i) => (i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`));

/** Intent distribution (doughnut) and score histogram (bars) for the offer's results. */
export class ResultCharts {
  private readonly intentChart: Chart<'doughnut'>;
  private readonly scoreChart: Chart<'bar'>;

  constructor() {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#1f2937';
    this.intentChart = new Chart(byId<HTMLCanvasElement>('chart-intents'), {
      type: 'doughnut',
      data: {
        labels: [...intents],
        datasets: [{ data: [0, 0, 0], backgroundColor: intents.map((i) => intentColours[i]!), borderColor: '#fff' }],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { position: 'right' } },
      },
    });
    this.scoreChart = new Chart(byId<HTMLCanvasElement>('chart-scores'), {
      type: 'bar',
      data: { labels: bins, datasets: [{ label: 'Leads', data: bins.map(() => 0), backgroundColor: '#1d4ed8' }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: {
          x: { title: { display: true, text: 'Score' } },
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Leads' } },
        },
      },
    });
  }

  show(results: readonly ScoredLead[], truncated: boolean): void {
    const counts = intents.map((intent) => results.filter((r) => intentLabel(r.intent) === intent).length);
    const histogram = bins.map(() => 0);
    for (const r of results) {
      const bin = Math.min(9, Math.max(0, Math.floor(r.score / 10)));
      histogram[bin] = (histogram[bin] ?? 0) + 1;
    }
    this.intentChart.data.datasets[0]!.data = counts;
    this.intentChart.update();
    this.scoreChart.data.datasets[0]!.data = histogram;
    this.scoreChart.update();

    // The same numbers as text: for screen readers, and for anyone who would rather read.
    const note = truncated ? ` (first ${results.length} leads)` : '';
    const intentText = results.length === 0
      ? 'No scored leads yet.'
      : intents.map((intent, i) => `${intent} ${counts[i]}`).join(' · ') + note;
    byId('chart-intents-text').textContent = intentText;
    byId('chart-intents').setAttribute('aria-label', `Intent distribution: ${intentText}`);
    const scoreText = results.length === 0
      ? 'No scores yet.'
      : bins.map((b, i) => (histogram[i] ? `${b}: ${histogram[i]}` : '')).filter(Boolean).join(' · ') + note;
    byId('chart-scores-text').textContent = scoreText;
    byId('chart-scores').setAttribute('aria-label', `Score histogram: ${scoreText}`);
  }
}
