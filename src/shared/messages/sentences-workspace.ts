/** The sentences of catalogue-workspace.ts in each language (see sentences-socket.ts). */

export const workspaceSentencesEn = {
  'workspace.invalid': 'The workspace {name} was not opened, and nothing changed: {problem}',
  'workspace.not-json': 'it is not valid JSON ({detail})',
  'workspace.not-a-workspace': '{issues}',
  'workspace.newer':
    'it is version {version}, made by a newer Wirebench; this one reads up to version {supported}',
  'workspace.restored-previous':
    'The saved workspace {file} could not be read ({problem}); the one saved before it was loaded instead.',
  'workspace.save-failed': 'The workspace could not be saved to {file}: {detail}',
  'workspace.unavailable': 'Workspaces are not available in this process',
  'workspace.no-recent': 'There is no recent workspace number {index} any more',
  'workspace.too-large': 'the file is {size}, more than a workspace may be ({max})',
  'workspace.not-a-file': 'it is not a regular file',
} as const;

export const workspaceSentencesZhCN = {
  'workspace.invalid': '未打开工作区 {name}，没有任何改变：{problem}',
  'workspace.not-json': '它不是有效的 JSON（{detail}）',
  'workspace.not-a-workspace': '{issues}',
  'workspace.newer':
    '它是第 {version} 版，由更新的 Wirebench 创建；本程序最多读取第 {supported} 版',
  'workspace.restored-previous':
    '无法读取已保存的工作区 {file}（{problem}）；已改为加载它之前保存的那一份。',
  'workspace.save-failed': '无法将工作区保存到 {file}：{detail}',
  'workspace.unavailable': '当前进程中无法使用工作区',
  'workspace.no-recent': '最近使用的第 {index} 个工作区已不存在',
  'workspace.too-large': '文件大小为 {size}，超过了工作区的上限（{max}）',
  'workspace.not-a-file': '它不是普通文件',
} as const;
