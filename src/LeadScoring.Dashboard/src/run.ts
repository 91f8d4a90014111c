import { ApiError, type Api } from './api';
import { byId, formatDuration, h } from './dom';
import { clearError, showError } from './errors';
import { readHash, writeHash } from './hash-state';
import type { RunStatus } from './types';

const pollMilliseconds = 1000;
const maxPollMilliseconds = 10_000;

/** Starts a scoring run and follows it by polling GET /score/runs/{run_id} until done. */
export class RunPanel {
  private timer: number | undefined;
  private ticker: number | undefined;
  private current: RunStatus | null = null;
  private polling: AbortController | null = null;
  private readonly start = byId<HTMLButtonElement>('run-start');

  constructor(
    private readonly api: Api,
    private readonly selectedOffer: () => string,
    private readonly onDone: (run: RunStatus) => void,
  ) {
    this.start.addEventListener('click', () => void this.startRun());
  }

  /** Picks up the run named in the URL hash, e.g. after a reload mid-run. */
  resume(): void {
    const runId = readHash().run;
    if (runId) this.follow(runId);
  }

  private async startRun(): Promise<void> {
    const offerId = this.selectedOffer();
    if (!offerId) {
      showError('Choose or create an offer first.', 'Scoring');
      return;
    }
    this.start.disabled = true;
    try {
      const started = await this.api.startScoring(offerId, byId<HTMLInputElement>('run-rescore').checked);
      clearError('Scoring', 'Starting the scoring run', 'Following the scoring run');
      this.follow(started.run_id);
    } catch (error) {
      this.start.disabled = false;
      showError(error, 'Starting the scoring run');
    }
  }

  private follow(runId: string): void {
    this.stop();
    writeHash({ run: runId });
    this.current = null;
    byId('run-panel').hidden = false;
    byId('run-status').textContent = 'Waiting for the first progress report…';
    this.start.disabled = true;
    this.ticker = window.setInterval(() => this.renderElapsed(), 1000);
    void this.poll(runId, pollMilliseconds);
  }

  private stop(): void {
    window.clearTimeout(this.timer);
    window.clearInterval(this.ticker);
    this.polling?.abort();
  }

  private async poll(runId: string, delay: number): Promise<void> {
    this.polling = new AbortController();
    try {
      const run = await this.api.getRun(runId, this.polling.signal);
      this.current = run;
      this.render(run);
      if (run.done) {
        this.stop();
        this.start.disabled = false;
        this.onDone(run);
        return;
      }
      delay = pollMilliseconds;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      if (error instanceof ApiError && error.status === 401) {
        // No usable key: stop, but keep the run so resume() can pick it up once a key is entered.
        this.stop();
        this.start.disabled = false;
        showError(error, 'Following the scoring run');
        return;
      }
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
        // The run is gone: forget it rather than poll forever.
        this.stop();
        writeHash({ run: null });
        byId('run-panel').hidden = true;
        this.start.disabled = false;
        showError(error, 'Following the scoring run');
        return;
      }
      // A blip (network, 5xx): keep polling, more slowly, and say so.
      byId('run-status').textContent = `Progress is not available right now (${error instanceof Error ? error.message : String(error)}); retrying…`;
      delay = Math.min(delay * 2, maxPollMilliseconds);
    }
    this.timer = window.setTimeout(() => void this.poll(runId, delay), delay);
  }

  private render(run: RunStatus): void {
    const total = Math.max(run.queued, run.scored + run.failed);
    const percent = (n: number): number => (total > 0 ? (100 * n) / total : 0);
    const finished = run.scored + run.failed;
    byId('run-bar-scored').style.width = `${percent(run.scored)}%`;
    byId('run-bar-failed').style.width = `${percent(run.failed)}%`;
    const bar = byId('run-progress');
    bar.setAttribute('aria-valuenow', String(Math.round(percent(finished))));
    bar.setAttribute('aria-valuetext', `${finished} of ${total} leads processed`);
    byId('run-scored').textContent = String(run.scored);
    byId('run-failed').textContent = String(run.failed);
    byId('run-queued').textContent = String(run.queued);
    byId('run-waiting').textContent = String(Math.max(0, run.queued - finished));
    const redriven = run.redriven?.sweeps
      ? ` The run stalled and was carried on: ${run.redriven.leads} leads and ${run.redriven.fan_out_steps} fan-out steps sent again.`
      : '';
    byId('run-status').textContent = (run.done
      ? total === 0
        ? 'Done: there were no leads to score. Upload leads, or tick "Rescore".'
        : `Done: ${run.scored} scored, ${run.failed} failed.`
      : `Scoring… ${finished} of ${total} leads processed.`) + redriven;
    byId('run-status').classList.toggle('done', run.done);
    this.renderElapsed();
    this.renderAi(run);
    const failures = run.failures ?? [];
    const details = byId<HTMLDetailsElement>('run-failures');
    details.hidden = failures.length === 0;
    byId('run-failure-list').replaceChildren(...failures.map((f) => h('li', {}, h('code', {}, f.lead_id), `: ${f.error}`)));
  }

  /** The AI half's figures, and a visible warning when leads fell back to the rules or wait for quota. */
  private renderAi(run: RunStatus): void {
    const ai = run.ai;
    const warning = byId('run-ai-warning');
    if (!ai) {
      byId('run-ai').textContent = '';
      warning.hidden = true;
      return;
    }
    const cost = ai.estimated_cost_usd == null ? '' : `, about $${ai.estimated_cost_usd.toFixed(4)}`;
    byId('run-ai').textContent =
      `AI: ${ai.leads_judged} leads judged by the model (${ai.leads_from_cache} remembered) in ${ai.calls} calls` +
      ` (${ai.leads_per_call} leads per call), ${ai.prompt_tokens + ai.answer_tokens + ai.thought_tokens} tokens${cost}.`;
    const reasons = Object.entries(ai.fallbacks_by_reason).map(([reason, count]) => `${count} ${reason}`);
    const messages: string[] = [];
    if (ai.waiting_for_quota_until) {
      messages.push(`Waiting for the Gemini daily quota until ${new Date(ai.waiting_for_quota_until).toLocaleString()}: the AI scores the remaining leads then.`);
    }
    if (reasons.length > 0) {
      messages.push(`The AI half fell back to the rules for ${ai.fallbacks} leads (${reasons.join(', ')}). Their scores are rule estimates; see /health for the AI's state.`);
    }
    warning.textContent = messages.join(' ');
    warning.hidden = messages.length === 0;
  }

  private renderElapsed(): void {
    const run = this.current;
    if (!run) return;
    const started = Date.parse(run.created_at);
    // Until the run completes, "now" is the browser's clock; the server's clock may differ a little.
    const ended = run.completed_at ? Date.parse(run.completed_at) : Date.now();
    if (Number.isNaN(started) || Number.isNaN(ended)) return;
    byId('run-elapsed').textContent = formatDuration(ended - started);
  }
}
