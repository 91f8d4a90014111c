import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import type { Api } from './api';
import { byId, h } from './dom';
import type { OfferEvaluation, RankingMetrics } from './types';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const percent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;
const times = (lift: number): string => `${lift.toFixed(1)}×`;

/**
 * How the offer's scores met what became of its leads: the sample size (or how many outcomes are still needed),
 * conversion by score band as a chart, the lift of the best-scored leads, and how well the score, the rules alone
 * and the AI alone ranked the converted first.
 */
export class EvaluationPanel {
  private readonly status = byId('evaluation-status');
  private readonly figure = byId('evaluation-figure');
  private readonly metrics = byId('evaluation-metrics');
  private chart: Chart<'bar'> | null = null;

  constructor(private readonly api: Api) {}

  async show(offerId: string): Promise<void> {
    if (!offerId) return;
    try {
      this.render(await this.api.getEvaluation(offerId));
    } catch {
      // The rest of the page still works; the evaluation says it could not be read.
      this.status.textContent = 'The evaluation could not be loaded.';
    }
  }

  private render(evaluation: OfferEvaluation): void {
    if (evaluation.labelled === 0) {
      this.status.textContent = `No outcomes yet for this offer${evaluation.open ? ` (${evaluation.open} still open)` : ''}.`;
      this.figure.hidden = true;
      this.metrics.hidden = true;
      return;
    }

    const sample = `${evaluation.labelled} scored leads with a known outcome, ${evaluation.converted} converted (${percent(evaluation.base_rate ?? 0)})`;
    this.status.textContent = evaluation.enough ? `${sample}.` : `${sample}. ${evaluation.needed ?? ''}`;
    const bands = evaluation.by_score_decile;
    this.figure.hidden = bands.length === 0;
    if (bands.length > 0) this.drawChart(bands.map((band) => band.band), bands.map((band) => band.rate * 100));
    byId('chart-conversion-text').textContent = bands.map((band) => `${band.band}: ${percent(band.rate)} of ${band.leads}`).join('; ');

    this.metrics.hidden = !evaluation.score;
    if (!evaluation.score) {
      this.metrics.replaceChildren();
      return;
    }

    const ranking = (label: string, metrics: RankingMetrics | null): Node[] => metrics
      ? [h('dt', {}, label), h('dd', {}, `ROC-AUC ${metrics.roc_auc.toFixed(2)} (95% ${metrics.roc_auc_low.toFixed(2)}–${metrics.roc_auc_high.toFixed(2)})`)]
      : [h('dt', {}, label), h('dd', {}, 'too few leads to measure')];
    this.metrics.replaceChildren(
      h('dt', {}, 'Best-scored 10%'), h('dd', { id: 'evaluation-lift10' }, `convert ${times(evaluation.score.lift_top10)} as often as average`),
      h('dt', {}, 'Best-scored 20%'), h('dd', { id: 'evaluation-lift20' }, `convert ${times(evaluation.score.lift_top20)} as often as average`),
      ...ranking('Score', evaluation.score),
      ...ranking('Rules alone', evaluation.rules),
      ...ranking('AI alone', evaluation.ai),
    );
  }

  private drawChart(labels: string[], rates: number[]): void {
    if (this.chart) {
      this.chart.data.labels = labels;
      this.chart.data.datasets[0]!.data = rates;
      this.chart.update();
      return;
    }

    this.chart = new Chart(byId<HTMLCanvasElement>('chart-conversion'), {
      type: 'bar',
      data: { labels, datasets: [{ label: 'Converted (%)', data: rates, backgroundColor: '#15803d' }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: 'converted (%)' } } },
      },
    });
  }
}
