import { ApiError, type Api } from './api';
import { byId, h } from './dom';
import { clearError, showError } from './errors';
import type { ColumnMapping, FileWarning, PossibleDuplicate, UploadPreview, UploadStatus } from './types';

/** The fields the mapping editor offers, in the order a person reads a lead. */
const mappedFields: readonly [string, string][] = [
  ['name', 'Name'], ['first_name', 'First name'], ['last_name', 'Last name'], ['role', 'Role'], ['company', 'Company'],
  ['industry', 'Industry'], ['location', 'Location'], ['linkedin_bio', 'LinkedIn bio'], ['email', 'Email'],
  ['linkedin_url', 'LinkedIn URL'], ['seniority', 'Seniority'], ['record_id', 'Record id'],
];

const auto = '';
const none = '\u0000none';

/**
 * File picker and drag-and-drop upload. A chosen file is first previewed (a dry run: nothing stored): the first rows
 * as they would be stored and which column each field comes from, with a select per field to change that. Import
 * sends the file with the chosen mapping and shows inserted and rejected rows.
 */
export class UploadPanel {
  private readonly input = byId<HTMLInputElement>('upload-file');
  private readonly result = byId('upload-result');
  private file: File | null = null;
  private mapping: ColumnMapping = {};

  constructor(private readonly api: Api) {
    this.input.addEventListener('change', () => {
      const file = this.input.files?.[0];
      if (file) void this.choose(file);
    });
    const zone = byId('dropzone');
    zone.addEventListener('dragover', (event) => {
      event.preventDefault();
      zone.classList.add('dragging');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('dragging');
      const file = event.dataTransfer?.files[0];
      if (file) void this.choose(file);
    });
  }

  private async choose(file: File): Promise<void> {
    this.file = file;
    this.mapping = {};
    await this.preview();
    // Lets the same file be chosen again after a fix.
    this.input.value = '';
  }

  private async preview(): Promise<void> {
    const file = this.file;
    if (!file) return;
    this.result.replaceChildren(`Reading ${file.name}…`);
    try {
      const preview = await this.api.previewLeads(file, this.mapping);
      clearError('Uploading leads');
      this.showPreview(file, preview);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.columns.length > 0) {
        // A header the service cannot read as leads: let the user name the columns.
        clearError('Uploading leads');
        this.result.replaceChildren(
          h('p', { class: 'preview-refused', role: 'alert' }, error.message),
          this.mappingEditor(error.columns, {}),
          this.actions(false),
        );
        return;
      }
      this.result.replaceChildren(`${file.name} was not uploaded.`);
      showError(error, 'Uploading leads');
    }
  }

  private showPreview(file: File, preview: UploadPreview): void {
    const rows = preview.rows;
    this.result.replaceChildren(
      h('p', { class: 'preview-summary' },
        h('strong', {}, `Preview of ${file.name}`),
        ` (${preview.encoding}): the first ${rows.length} ${rows.length === 1 ? 'row' : 'rows'} as they will be stored. Nothing is stored until you import.`),
      ...fileWarnings(preview.file_warnings ?? []),
      this.mappingEditor(preview.file_columns, preview.columns),
      h('table', { class: 'preview' },
        h('caption', {}, 'First rows'),
        h('thead', {}, h('tr', {}, ...['Line', 'Name', 'Role', 'Company', 'Industry', 'Location', 'Email'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...rows.map((row) => row.lead
          ? h('tr', {}, h('td', { class: 'num' }, String(row.line)), ...[row.lead.name, row.lead.role, row.lead.company, row.lead.industry, row.lead.location, row.lead.email].map((v) => h('td', {}, v)))
          : h('tr', { class: 'preview-rejected' }, h('td', { class: 'num' }, String(row.line)), h('td', { colspan: '6' }, `Rejected: ${row.error ?? ''}`))))),
      this.actions(true),
    );
  }

  /** A select per field: "as recognised" (the service's guess, named), "none", or one of the file's columns. */
  private mappingEditor(fileColumns: readonly string[], recognised: Record<string, string>): HTMLElement {
    const selects = mappedFields.map(([field, label]) => {
      const id = `map-${field}`;
      const chosen = this.mapping[field];
      const select = h('select', { id, 'data-field': field },
        h('option', { value: auto }, recognised[field] ? `as recognised: ${recognised[field]}` : 'as recognised: none'),
        h('option', { value: none }, 'none'),
        ...fileColumns.map((column) => h('option', { value: column }, column)));
      select.value = chosen === undefined ? auto : chosen === '' ? none : chosen;
      select.addEventListener('change', () => {
        if (select.value === auto) delete this.mapping[field];
        else this.mapping[field] = select.value === none ? '' : select.value;
        void this.preview();
      });
      return h('div', { class: 'mapping-field' }, h('label', { for: id }, label), select);
    });
    return h('fieldset', { class: 'mapping' }, h('legend', {}, 'Columns'), ...selects);
  }

  private actions(canImport: boolean): HTMLElement {
    const importButton = h('button', { type: 'button', id: 'upload-import' }, 'Import');
    importButton.toggleAttribute('disabled', !canImport);
    importButton.addEventListener('click', () => void this.import());
    const cancel = h('button', { type: 'button', class: 'secondary', id: 'upload-cancel' }, 'Cancel');
    cancel.addEventListener('click', () => {
      this.file = null;
      this.result.replaceChildren();
    });
    return h('p', { class: 'upload-actions' }, importButton, ' ', cancel);
  }

  private async import(): Promise<void> {
    const file = this.file;
    if (!file) return;
    this.result.replaceChildren(`Uploading ${file.name}…`);
    this.input.disabled = true;
    try {
      const report = await this.api.uploadLeads(file, this.mapping);
      clearError('Uploading leads');
      if (report.status === 'importing' && report.upload_id) {
        // A large file: read and staged, its leads stored in the background. Follow it like a run.
        const done = await this.followImport(file, report.upload_id, report.rows ?? 0);
        report.inserted = done.inserted;
        report.updated = done.updated;
        report.unchanged = done.unchanged;
      }
      const rejected = report.rejected ?? [];
      // People stored before are counted apart: a re-upload updates them instead of adding them again.
      const known = [
        report.updated ? `${report.updated} updated` : '',
        report.unchanged ? `${report.unchanged} unchanged` : '',
        report.duplicates_total ? `${report.duplicates_total} repeated in the file` : '',
        report.possible_duplicates_total ? `${report.possible_duplicates_total} possible duplicates kept apart` : '',
      ].filter((part) => part.length > 0);
      const possible = report.possible_duplicates ?? [];
      this.result.replaceChildren(
        h('p', { class: 'upload-summary' },
          h('strong', {}, `${report.inserted} ${report.inserted === 1 ? 'lead' : 'leads'} inserted`),
          known.map((part) => `, ${part}`).join(''),
          `, ${rejected.length} ${rejected.length === 1 ? 'row' : 'rows'} rejected from ${file.name}.`),
        ...fileWarnings(report.file_warnings ?? []),
        ...(possible.length > 0 ? [possibleDuplicates(possible)] : []),
        ...(rejected.length > 0
          ? [h('table', { class: 'rejected' },
              h('caption', {}, 'Rejected rows'),
              h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, 'Line'), h('th', { scope: 'col' }, 'Reason'))),
              h('tbody', {}, ...rejected.map((r) => h('tr', {}, h('td', { class: 'num' }, String(r.line)), h('td', {}, r.error)))))]
          : []),
      );
      this.file = null;
    } catch (error) {
      this.result.replaceChildren(`${file.name} was not uploaded.`);
      showError(error, 'Uploading leads');
    } finally {
      this.input.disabled = false;
    }
  }

  /** Polls the upload until its background import ends, showing the rows imported; throws if it failed. */
  private async followImport(file: File, uploadId: string, rows: number): Promise<UploadStatus> {
    const progress = h('progress', { id: 'import-progress', max: String(Math.max(rows, 1)), value: '0' });
    const text = h('span', { id: 'import-status' }, `Importing ${file.name}: 0 of ${rows.toLocaleString()} rows…`);
    this.result.replaceChildren(h('p', { class: 'import-progress', role: 'status' }, text, ' ', progress));
    for (;;) {
      await new Promise((resolve) => window.setTimeout(resolve, importPollMilliseconds));
      const upload = await this.api.getUpload(uploadId);
      if (upload.status === 'failed') throw new Error(upload.failure ?? 'The import failed.');
      progress.value = upload.rows_imported;
      text.textContent = `Importing ${file.name}: ${upload.rows_imported.toLocaleString()} of ${upload.rows.toLocaleString()} rows…`;
      if (upload.status === 'imported') return upload;
    }
  }
}

const importPollMilliseconds = 1000;

/** What the whole file lacks, each as an alert that names the mapping to fix it. */
function fileWarnings(warnings: readonly FileWarning[]): HTMLElement[] {
  return warnings.map((warning) => h('p', { class: 'file-warning', role: 'alert', 'data-field': warning.field }, warning.message));
}

/** Rows kept apart that may be one person: each pair's two lines side by side (or the row beside "stored before"). */
function possibleDuplicates(entries: readonly PossibleDuplicate[]): HTMLElement {
  const fields = ['name', 'company', 'role', 'industry', 'location', 'email'] as const;
  const cells = (row: PossibleDuplicate['row']) => fields.map((field) => h('td', {}, row ? row[field] : ''));
  return h('table', { class: 'possible-duplicates' },
    h('caption', {}, 'Possible duplicates (kept as separate leads)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, 'Line'),
      ...fields.map((field) => h('th', { scope: 'col' }, field.charAt(0).toUpperCase() + field.slice(1))), h('th', { scope: 'col' }, 'Why'))),
    ...entries.map((entry) => h('tbody', { class: 'duplicate-pair' },
      h('tr', {}, h('td', { class: 'num' }, String(entry.line)), ...cells(entry.row), h('td', { rowspan: '2' }, entry.reason)),
      h('tr', {}, h('td', { class: 'num' }, entry.same_as_line === null ? 'stored' : String(entry.same_as_line)),
        ...(entry.same_as_line === null ? [h('td', { colspan: String(fields.length) }, 'people stored before with this name and company')] : cells(entry.same_as))))));
}
