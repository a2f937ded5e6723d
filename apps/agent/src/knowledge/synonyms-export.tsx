import { useEffect, useState } from 'react';
import { synonymsToText, textToSynonyms, type KbFormat, type KnowledgeApi } from './knowledge-api.js';
import type { KnowledgeText } from './knowledge-text.js';
import { zipTextFiles } from './zip-files.js';

interface Props {
  api: KnowledgeApi;
  text: KnowledgeText;
  busy: boolean;
  run: (work: () => Promise<void>) => Promise<void>;
  notify: (message: string) => void;
}

/** The workspace's synonym groups as editable text (one group per line). */
export function SynonymsEditor({ api, text, busy, run, notify }: Props) {
  const [value, setValue] = useState('');
  useEffect(() => {
    void run(async () => setValue(synonymsToText((await api.synonyms()).groups)));
    // Loaded once (`run` changes on every render); saving rewrites the text from the server's answer.
  }, [api]);
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const saved = await api.saveSynonyms(textToSynonyms(value));
      setValue(synonymsToText(saved.groups));
      notify(text.synonymsSaved(saved.groups.length));
    });
  };
  return (
    <form className="kb-panel kb-editor" onSubmit={save} data-testid="kb-synonyms-panel">
      <label>
        {text.synonymsIntro}
        <textarea value={value} onChange={(e) => setValue(e.target.value)} rows={12} data-testid="kb-synonyms" />
      </label>
      <div className="kb-editor__actions">
        <button type="submit" className="button" disabled={busy} data-testid="kb-synonyms-save">
          {text.synonymsSave}
        </button>
      </div>
    </form>
  );
}

function download(name: string, type: string, data: BlobPart): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the export the API offers: a folder of Markdown files (zipped), CSV or JSON. */
export function ExportPanel({ api, text, busy, run, notify }: Props) {
  const exportAs = (format: KbFormat) =>
    run(async () => {
      const { files } = await api.exportFiles(format);
      if (format === 'markdown') {
        const zip = zipTextFiles('knowledge', files);
        download('knowledge-markdown.zip', 'application/zip', zip.buffer as ArrayBuffer);
        notify(text.exported('knowledge-markdown.zip'));
        return;
      }
      const file = files[0];
      if (!file) return;
      download(file.name, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json', file.content);
      notify(text.exported(file.name));
    });
  return (
    <section className="kb-panel" data-testid="kb-export-panel">
      <p className="kb-muted">{text.exportIntro}</p>
      <div className="kb-editor__actions">
        <button type="button" className="button" disabled={busy} onClick={() => void exportAs('markdown')} data-testid="kb-export-markdown">
          {text.exportMarkdown}
        </button>
        <button type="button" className="button button--ghost" disabled={busy} onClick={() => void exportAs('csv')} data-testid="kb-export-csv">
          {text.exportCsv}
        </button>
        <button type="button" className="button button--ghost" disabled={busy} onClick={() => void exportAs('json')} data-testid="kb-export-json">
          {text.exportJson}
        </button>
      </div>
    </section>
  );
}
