// Runs Monaco's base-browser chunk, one stage of monaco-loader.ts.
import 'monaco-editor/base/browser/dom';
