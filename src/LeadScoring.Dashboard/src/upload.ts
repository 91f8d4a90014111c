import type { Api } from './api';
import { byId, h } from './dom';
import { clearError, showError } from './errors';

/** File picker and drag-and-drop upload; shows inserted and rejected rows. */
export class UploadPanel {
  private readonly input = byId<HTMLInputElement>('upload-file');
  private readonly result = byId('upload-result');

  constructor(private readonly api: Api) {
    this.input.addEventListener('change', () => {
      const file = this.input.files?.[0];
      if (file) void this.upload(file);
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
      if (file) void this.upload(file);
    });
  }

  private async upload(file: File): Promise<void> {
    this.result.replaceChildren(`Uploading ${file.name}…`);
    this.input.disabled = true;
    try {
      const report = await this.api.uploadLeads(file);
      clearError();
      const rejected = report.rejected ?? [];
      this.result.replaceChildren(
        h('p', { class: 'upload-summary' },
          h('strong', {}, `${report.inserted} ${report.inserted === 1 ? 'lead' : 'leads'} inserted`),
          `, ${rejected.length} ${rejected.length === 1 ? 'row' : 'rows'} rejected from ${file.name}.`),
        ...(rejected.length > 0
          ? [h('table', { class: 'rejected' },
              h('caption', {}, 'Rejected rows'),
              h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, 'Line'), h('th', { scope: 'col' }, 'Reason'))),
              h('tbody', {}, ...rejected.map((r) => h('tr', {}, h('td', { class: 'num' }, String(r.line)), h('td', {}, r.error)))))]
          : []),
      );
    } catch (error) {
      this.result.replaceChildren(`${file.name} was not uploaded.`);
      showError(error, 'Uploading leads');
    } finally {
      this.input.disabled = false;
      // Lets the same file be chosen again after a fix.
      this.input.value = '';
    }
  }
}
