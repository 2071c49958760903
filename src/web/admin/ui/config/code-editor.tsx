import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorView, basicSetup } from 'codemirror';
import { useEffect, useRef } from 'preact/hooks';
import type { Problem } from './config-api.js';

export interface CodeEditorProps {
  /** The text to show; a change from outside (another version loaded) replaces the document. */
  value: string;
  onChange: (text: string) => void;
  /** The server's validation, called as the admin types (debounced by the linter). */
  validate: (text: string) => Promise<Problem[]>;
  onProblems: (problems: Problem[]) => void;
  label: string;
}

/** CodeMirror in YAML mode with the server's problems in the lint gutter, each at its line. */
export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (!host.current) return undefined;
    const created = new EditorView({
      parent: host.current,
      doc: latest.current.value,
      extensions: [
        basicSetup,
        yaml(),
        // JSON Lines entries are long; wrapped, the whole entry and its problem stay in view.
        EditorView.lineWrapping,
        lintGutter(),
        linter(
          async (current): Promise<Diagnostic[]> => {
            const text = current.state.doc.toString();
            const problems = await latest.current.validate(text).catch(() => []);
            latest.current.onProblems(problems);
            const lines = current.state.doc.lines;
            return problems.map((problem) => {
              const line = current.state.doc.line(Math.min(Math.max(problem.line, 1), lines));
              return { from: line.from, to: line.to, severity: 'error', message: problem.message };
            });
          },
          { delay: 400 },
        ),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) latest.current.onChange(update.state.doc.toString());
        }),
        EditorView.contentAttributes.of({ 'aria-label': latest.current.label }),
      ],
    });
    view.current = created;
    return () => created.destroy();
  }, []);

  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== props.value)
      current.dispatch({
        changes: { from: 0, to: current.state.doc.length, insert: props.value },
      });
  }, [props.value]);

  return <div class="code-editor" ref={host} />;
}
