import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import type { Api } from './api';
import { byId, h } from './dom';
import type { ModelCards, OfferEvaluation, RankingMetrics } from './types';

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
  private readonly modelStatus = byId('model-status');
  private readonly drivers = byId('model-drivers');
  private chart: Chart<'bar'> | null = null;

  constructor(private readonly api: Api) {}

  async show(offerId: string): Promise<void> {
    if (!offerId) return;
    const [evaluation, model] = await Promise.allSettled([this.api.getEvaluation(offerId), this.api.getModel(offerId)]);
    // The rest of the page still works; each part says when it could not be read.
    if (evaluation.status === 'fulfilled') this.render(evaluation.value);
    else this.status.textContent = 'The evaluation could not be loaded.';
    if (model.status === 'fulfilled') this.renderModel(model.value);
    else this.modelStatus.textContent = 'The model card could not be loaded.';
  }

  /** The adopted model (what its likelihood rests on, what drives it) or why there is none yet. */
  private renderModel(cards: ModelCards): void {
    const card = cards.in_use;
    const latest = cards.latest_training;
    if (!card) {
      this.modelStatus.textContent = latest
        ? latest.verdict
        : 'No model yet: it is learned once the offer has at least 200 scored leads with a known outcome.';
      this.drivers.hidden = true;
      return;
    }
    const held = card.model && card.score
      ? ` On leads it had not seen it ranks with ROC-AUC ${card.model.roc_auc.toFixed(2)} against the score's ${card.score.roc_auc.toFixed(2)}.`
      : '';
    const newer = latest && latest.version !== card.version ? ` Latest training: ${latest.verdict}` : '';
    this.modelStatus.textContent =
      `In use: ${card.trainer ?? 'model'} ${card.version}, trained ${new Date(card.trained_at).toLocaleString()} on ${card.labelled} leads (${card.converted} converted).${held}${newer}`;
    this.drivers.replaceChildren(...card.drivers.map((driver) => h('li', {}, driver.text)));
    this.drivers.hidden = card.drivers.length === 0;
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
