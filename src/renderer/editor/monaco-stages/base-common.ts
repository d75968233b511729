// Runs Monaco's base-common chunk, one stage of monaco-loader.ts.
import 'monaco-editor/base/common/lifecycle';
