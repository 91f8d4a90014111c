import type { Api } from './api';
import type { ResultCharts } from './charts';
import { byId, h, intentLabel, reasonLabel } from './dom';
import { clearError, showError } from './errors';
import type { Intent, ResultFilters, ResultSort, ScoredLead } from './types';

// The charts describe the whole offer, read in pages of the API's largest size, up to this many leads.
const chartPageSize = 1000;
const chartMaxPages = 20;

/** The results table: server-side intent / minimum-score filters and paging, client-side search. */
export class ResultsPanel {
  private offerId = '';
  private page: ScoredLead[] = [];
  // tokens[i] is the continuation token that loads page i (null for the first page).
  private tokens: (string | null)[] = [null];
  private pageIndex = 0;
  private nextToken: string | null = null;
  private loading: AbortController | null = null;
  private chartLoading: AbortController | null = null;

  private readonly intent = byId<HTMLSelectElement>('filter-intent');
  private readonly minScore = byId<HTMLInputElement>('filter-min-score');
  private readonly sort = byId<HTMLSelectElement>('filter-sort');
  private readonly search = byId<HTMLInputElement>('filter-search');
  private readonly pageSize = byId<HTMLSelectElement>('page-size');

  constructor(
    private readonly api: Api,
    private readonly charts: ResultCharts,
  ) {
    this.intent.addEventListener('change', () => void this.reload());
    this.pageSize.addEventListener('change', () => void this.reload());
    this.sort.addEventListener('change', () => void this.reload());
    this.minScore.addEventListener('change', () => void this.reload());
    this.search.addEventListener('input', () => this.renderRows());
    byId('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.reload();
    });
    byId('page-prev').addEventListener('click', () => void this.loadPage(this.pageIndex - 1));
    byId('page-next').addEventListener('click', () => void this.loadPage(this.pageIndex + 1));
    byId('export').addEventListener('click', () => void this.export());
  }

  /** Shows another offer's results (or refreshes the current one after a run). */
  async show(offerId: string): Promise<void> {
    this.offerId = offerId;
    await Promise.all([this.reload(), this.loadCharts()]);
  }

  private filters(): ResultFilters | null {
    const raw = this.minScore.value.trim();
    let minScore: number | null = null;
    if (raw !== '') {
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 0 || value > 100) {
        this.minScore.setAttribute('aria-invalid', 'true');
        byId('results-status').textContent = 'Minimum score must be a whole number from 0 to 100.';
        return null;
      }
      minScore = value;
    }
    this.minScore.removeAttribute('aria-invalid');
    return { offerId: this.offerId, intent: this.intent.value as Intent | '', minScore, sort: this.sort.value as ResultSort };
  }

  private reload(): Promise<void> {
    this.tokens = [null];
    return this.loadPage(0);
  }

  private async loadPage(index: number): Promise<void> {
    const filters = this.filters();
    if (!filters || index < 0 || index >= this.tokens.length) return;
    if (!this.offerId) {
      this.page = [];
      this.nextToken = null;
      this.renderRows();
      return;
    }
    this.loading?.abort();
    const loading = (this.loading = new AbortController());
    byId('results-status').textContent = 'Loading results…';
    try {
      const result = await this.api.getResults(filters, Number(this.pageSize.value), this.tokens[index] ?? null, loading.signal);
      // The service sorts; sorting again keeps the table right even if it did not.
      this.page = filters.sort === 'conversion_likelihood'
        ? [...result.items].sort((a, b) => (b.conversion_likelihood ?? -1) - (a.conversion_likelihood ?? -1))
        : [...result.items].sort((a, b) => b.score - a.score);
      this.pageIndex = index;
      this.nextToken = result.continuation;
      this.tokens = this.tokens.slice(0, index + 1);
      if (result.continuation) this.tokens.push(result.continuation);
      clearError('Loading results');
      this.renderRows();
    } catch (error) {
      if (loading.signal.aborted) return;
      byId('results-status').textContent = 'Results could not be loaded.';
      showError(error, 'Loading results');
    }
  }

  private async loadCharts(): Promise<void> {
    this.chartLoading?.abort();
    const loading = (this.chartLoading = new AbortController());
    if (!this.offerId) {
      this.charts.show([], false);
      return;
    }
    const all: ScoredLead[] = [];
    let token: string | null = null;
    try {
      for (let page = 0; page < chartMaxPages; page++) {
        const result = await this.api.getResults({ offerId: this.offerId, intent: '', minScore: null }, chartPageSize, token, loading.signal);
        all.push(...result.items);
        token = result.continuation;
        if (!token) break;
      }
      this.charts.show(all, token !== null);
      clearError('Loading the charts');
    } catch (error) {
      if (!loading.signal.aborted) showError(error, 'Loading the charts');
    }
  }

  private renderRows(): void {
    const term = this.search.value.trim().toLowerCase();
    const rows = term
      ? this.page.filter((r) => r.name.toLowerCase().includes(term) || r.company.toLowerCase().includes(term))
      : this.page;
    byId('results-body').replaceChildren(...rows.map((lead) => this.row(lead)));
    const paged = this.pageIndex > 0 || this.nextToken !== null;
    byId('results-status').textContent = !this.offerId
      ? 'Choose or create an offer to see results.'
      : this.page.length === 0
        ? this.sort.value === 'conversion_likelihood'
          ? 'No lead has a likelihood yet: the offer needs a learned model (see below), then a rescore.'
          : 'No scored leads match these filters yet.'
        : term
          ? `${rows.length} of ${this.page.length} leads on this page match "${this.search.value.trim()}".`
          : `${this.page.length} leads${paged ? ' on this page' : ''}.`;
    byId<HTMLButtonElement>('page-prev').disabled = this.pageIndex === 0;
    byId<HTMLButtonElement>('page-next').disabled = this.nextToken === null;
    byId('page-label').textContent = `Page ${this.pageIndex + 1}`;
  }

  private row(lead: ScoredLead): HTMLTableRowElement {
    const open = h('button', { type: 'button', class: 'lead-link', 'aria-haspopup': 'dialog' }, lead.name || '(no name)');
    open.addEventListener('click', () => showBreakdown(lead));
    const row = h('tr', { 'data-lead-id': lead.lead_id },
      h('td', { class: 'num score' }, String(lead.score)),
      h('td', { class: 'num likelihood' }, likelihoodLabel(lead)),
      h('td', {}, intentBadge(lead.intent)),
      h('td', {}, open),
      h('td', {}, lead.company),
      h('td', { class: 'wide-only' }, lead.role),
      h('td', { class: 'wide-only' }, lead.industry),
      h('td', {}, sourceLabel(lead)),
    );
    row.addEventListener('click', (event) => {
      if (event.target !== open) showBreakdown(lead);
    });
    return row;
  }

  private async export(): Promise<void> {
    const filters = this.filters();
    if (!filters) return;
    const button = byId<HTMLButtonElement>('export');
    button.disabled = true;
    try {
      const { blob, fileName } = await this.api.exportResults(filters);
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: fileName });
      document.body.append(link);
      link.click();
      link.remove();
      // Revoke later: some browsers read the blob after click() returns.
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      clearError('Exporting results');
    } catch (error) {
      showError(error, 'Exporting results');
    } finally {
      button.disabled = false;
    }
  }
}

function intentBadge(intent: string): HTMLElement {
  const label = intentLabel(intent);
  return h('span', { class: `badge badge-${label.toLowerCase()}` }, label);
}

function likelihoodLabel(lead: ScoredLead): string {
  return lead.conversion_likelihood === null || lead.conversion_likelihood === undefined
    ? '—'
    : `${Math.round(lead.conversion_likelihood * 1000) / 10}%`;
}

function sourceLabel(lead: ScoredLead): string {
  if (lead.source?.toLowerCase() === 'fallback') return 'Rules (fallback)';
  return lead.source?.toLowerCase() === 'ai' ? 'AI' : (lead.source ?? '');
}

function showBreakdown(lead: ScoredLead): void {
  const b = lead.breakdown;
  const item = (term: string, ...value: (Node | string)[]): Node[] => [h('dt', {}, term), h('dd', {}, ...value)];
  // A keyword matched, or the title or label was read ("svp read as vp"), or nothing was.
  const keyword = (k: string | null | undefined): string =>
    (k ? (k.includes(' read as ') || k.startsWith('seniority:') ? ` (${k})` : ` (matched "${k}")`) : ' (no keyword matched)');
  const title = [lead.title_seniority, lead.title_department?.replace('_', ' ')].filter(Boolean).join(', ');
  const fallback = lead.source?.toLowerCase() === 'fallback';
  const body = h('div', {},
    h('p', { class: 'breakdown-lead' },
      h('strong', {}, lead.name), ` · ${[lead.role, lead.company, lead.industry, lead.location].filter(Boolean).join(' · ')}`),
    h('p', { class: 'breakdown-total' }, h('span', { class: 'big-score' }, String(lead.score)), ' / 100 ', intentBadge(lead.intent)),
    h('dl', { class: 'breakdown-list' },
      ...(b
        ? [
            ...item('Role', `${b.role_points} points${keyword(b.role_keyword)}`),
            ...(title ? item('Title read as', title) : []),
            ...item('Industry', `${b.industry_points} points${keyword(b.industry_keyword)}`),
            ...(lead.industry_category ? item('Industry category', lead.industry_category) : []),
            ...item('Completeness', `${b.completeness_points} points${b.missing_fields?.length ? ` (missing: ${b.missing_fields.join(', ')})` : ''}`),
            ...item('AI', `${b.ai_points} points${b.ai_intent ? `, ${intentLabel(b.ai_intent)} intent` : ''}${
              b.ai_confidence !== null && b.ai_confidence !== undefined ? `, confidence ${Math.round(b.ai_confidence * 100)}%` : ''}`),
          ]
        : item('Breakdown', 'Not available for this result.')),
      ...item('Decided by', fallback
        ? `the rule fallback${lead.fallback_reason ? `, because: ${reasonLabel(lead.fallback_reason)}` : ''}`
        : lead.source?.toLowerCase() === 'ai' ? 'the AI model' : (lead.source ?? 'unknown')),
      ...item('Reason', lead.reasoning || '—'),
      ...(lead.model_version ? item('Likelihood to convert', `${likelihoodLabel(lead)} (learned model ${lead.model_version})`) : []),
    ),
  );
  byId('breakdown-title').textContent = `Score breakdown: ${lead.name}`;
  byId('breakdown-body').replaceChildren(body);
  byId<HTMLDialogElement>('breakdown').showModal();
}
