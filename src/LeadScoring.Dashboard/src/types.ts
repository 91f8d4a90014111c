// The HTTP API's JSON shapes (snake_case, as the service sends them). Optional where the
// service may leave a field out, so an older or newer service does not break the page.

export type Intent = 'High' | 'Medium' | 'Low';
export const intents: readonly Intent[] = ['High', 'Medium', 'Low'];

export interface KeywordOverrides {
  decision_makers?: string[] | null;
  senior_roles?: string[] | null;
  influencers?: string[] | null;
  target_industries?: string[] | null;
  adjacent_industries?: string[] | null;
  neutral_industries?: string[] | null;
}

export interface Offer {
  id: string;
  name: string;
  value_props: string;
  ideal_use_cases: string;
  created_at?: string;
  keywords?: KeywordOverrides | null;
}

export interface NewOffer extends KeywordOverrides {
  name: string;
  value_props: string;
  ideal_use_cases: string;
}

export interface UploadReport {
  upload_id?: string | null;
  /** "importing": a large file answered 202, stored in the background; GET /uploads/{id} follows it. */
  status?: 'importing' | 'imported' | 'failed';
  rows?: number;
  inserted: number;
  updated?: number;
  unchanged?: number;
  duplicates_total?: number;
  rejected?: { line: number; error: string }[];
  warnings?: { line: number; error: string }[];
  possible_duplicates?: PossibleDuplicate[];
  possible_duplicates_total?: number;
  file_warnings?: FileWarning[];
  encoding?: string;
  columns?: Record<string, string>;
}

/** What the whole file lacks: a scoring input no column is read as, and the mapping that would fix it. */
export interface FileWarning {
  field: string;
  message: string;
  suggested_mapping: string | null;
}

/** The fields that tell two rows apart, as a possible duplicate lists them. */
export interface DuplicateRow {
  name: string;
  company: string;
  role: string;
  industry: string;
  location: string;
  email: string;
}

/** A stored row kept apart from another with the same name and company (same_as_line null: people stored before). */
export interface PossibleDuplicate {
  line: number;
  same_as_line: number | null;
  reason: string;
  row?: DuplicateRow | null;
  same_as?: DuplicateRow | null;
}

/** GET /uploads/{id}: where an upload's import is. */
export interface UploadStatus {
  upload_id: string;
  status: 'importing' | 'imported' | 'failed';
  rows: number;
  rows_imported: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failure: string | null;
}

/** Lead field → the file's column name; "" leaves a field out. Fields not named are recognised from the header. */
export type ColumnMapping = Record<string, string>;

export interface PreviewLead {
  name: string;
  role: string;
  company: string;
  industry: string;
  location: string;
  email: string;
  record_id: string;
}

export interface UploadPreview {
  dry_run: true;
  encoding: string;
  file_columns: string[];
  columns: Record<string, string>;
  fields: string[];
  rows: { line: number; lead: PreviewLead | null; error: string | null; warning: string | null }[];
  file_warnings?: FileWarning[];
}

export interface RunStarted {
  run_id: string;
  offer_id: string;
  queued: number;
}

export interface RunStatus {
  run_id: string;
  offer_id: string;
  queued: number;
  scored: number;
  failed: number;
  done: boolean;
  created_at: string;
  completed_at?: string | null;
  failures?: { lead_id: string; error: string }[];
  ai?: RunAiFigures;
  /** What was sent again because the run had stalled (its messages were held by an instance that went away). */
  redriven?: { sweeps: number; leads: number; fan_out_steps: number };
}

/** What a run's AI half did and spent (GET /score/runs/{run_id} → ai). */
export interface RunAiFigures {
  calls: number;
  leads_judged: number;
  leads_from_cache: number;
  prompt_tokens: number;
  answer_tokens: number;
  thought_tokens: number;
  fallbacks_by_reason: Record<string, number>;
  estimated_cost_usd?: number | null;
  waiting_for_quota_until?: string | null;
  leads_per_call: number;
  fallbacks: number;
}

export interface ScoreBreakdown {
  role_points: number;
  role_keyword?: string | null;
  industry_points: number;
  industry_keyword?: string | null;
  completeness_points: number;
  missing_fields?: string[];
  ai_points: number;
  ai_intent?: string | null;
  ai_confidence?: number | null;
}

export interface ScoredLead {
  lead_id: string;
  name: string;
  company: string;
  role: string;
  industry: string;
  location?: string;
  score: number;
  intent: string;
  reasoning: string;
  source?: string;
  fallback_reason?: string | null;
  breakdown?: ScoreBreakdown | null;
  run_id?: string;
  scored_at?: string;
  /** How the title and the industry were read: "vp", "engineering", "Healthcare"; null where nothing was. */
  title_seniority?: string | null;
  title_department?: string | null;
  industry_category?: string | null;
  /** The calibrated likelihood to convert under the offer's learned model (0–1), and that model's version. */
  conversion_likelihood?: number | null;
  model_version?: string | null;
}

export type ResultSort = 'score' | 'conversion_likelihood';

export interface ResultFilters {
  offerId: string;
  intent: Intent | '';
  minScore: number | null;
  sort?: ResultSort;
}

/** GET /offer/{id}/evaluation: the offer's scores against what became of its leads. */
export interface ConversionBand {
  band: string;
  min_score: number;
  max_score: number;
  leads: number;
  converted: number;
  rate: number;
}

export interface RankingMetrics {
  roc_auc: number;
  roc_auc_low: number;
  roc_auc_high: number;
  pr_auc: number;
  lift_top10: number;
  lift_top20: number;
}

export interface OfferEvaluation {
  offer_id: string;
  labelled: number;
  converted: number;
  open: number;
  unscored: number;
  base_rate: number | null;
  enough: boolean;
  needed: string | null;
  by_intent: ConversionBand[];
  by_score_decile: ConversionBand[];
  score: RankingMetrics | null;
  rules: RankingMetrics | null;
  ai: RankingMetrics | null;
}

/** GET /offer/{id}/model: the adopted model's card and the latest training's. */
export interface ModelDriver {
  text: string;
  leads: number;
  likelihood: number;
  times_base_rate: number;
}

export interface ModelCard {
  version: string;
  trained_at: string;
  status: 'waiting' | 'refused' | 'adopted';
  verdict: string;
  labelled: number;
  converted: number;
  trainer: string | null;
  model: RankingMetrics | null;
  score: RankingMetrics | null;
  drivers: ModelDriver[];
}

export interface ModelCards {
  offer_id: string;
  in_use: ModelCard | null;
  latest_training: ModelCard | null;
}
