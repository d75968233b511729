/**
 * Automation's sentences in each language (catalogue-automation.ts), spread
 * into sentences-en.ts and sentences-zh-CN.ts, whose type check proves each
 * names exactly its code's parameters.
 */

const OPTION_HELP_EN =
  'options are a line ending (+lf, +cr, +crlf), an encoding (+utf-8, +gbk, …), +no-escapes, ' +
  'a checksum (+crc16-modbus, +xor, …) and for it +le, +be, +from=N, +to=N, +after-eol, +hex-text';

const OPTION_HELP_ZH =
  '可用的选项有：行尾（+lf、+cr、+crlf）、编码（+utf-8、+gbk 等）、+no-escapes、' +
  '校验（+crc16-modbus、+xor 等）以及校验的 +le、+be、+from=N、+to=N、+after-eol、+hex-text';

export const automationSentencesEn = {
  'automation.statement-unknown':
    "Unknown statement '{word}': a line starts with send, expect, wait, repeat or end",
  'automation.mode-missing': "'{statement}' needs what kind of data follows: {expected}",
  'automation.mode-unknown':
    "'{statement} {word}' is not a statement: '{statement}' is followed by {expected}",
  'automation.payload-missing': "'{statement}' needs something after it",
  'automation.payload-invalid': '{reason}',
  'automation.option-unknown': `Unknown option '+{option}': ${OPTION_HELP_EN} (to end text with a '+', write \\x2B)`,
  'automation.option-conflict': "'+{option}' contradicts '+{previous}' given on the same line",
  'automation.option-needs-checksum':
    "'+{option}' sets how the checksum is made, but no checksum (such as +crc16-modbus) is given",
  'automation.option-text-only': "'+{option}' applies to text only, not to hex",
  'automation.option-value-invalid': "'+{option}' needs a whole number, such as +from=2 or +to=-1",
  'automation.options-not-allowed': "'{statement}' takes no options such as '+{option}'",
  'automation.number-missing': "'{statement}' needs a number after it",
  'automation.wait-invalid':
    "The wait (ms) must be a whole number from {min} to {max}, not '{text}'",
  'automation.repeat-invalid':
    "The repeat count must be a whole number from {min} to {max}, not '{text}'",
  'automation.within-invalid':
    "The 'within' time (ms) must be a whole number from {min} to {max}, not '{text}'",
  'automation.text-unexpected': "Unexpected '{text}' at the end of the statement",
  'automation.regex-slash-missing': 'A regex is written between slashes, such as /TOKEN=(\\w+)/',
  'automation.regex-unterminated': "The regex is never closed with a '/'",
  'automation.regex-invalid': 'The regex is not valid: {detail}',
  'automation.regex-flag-unknown': "Unknown regex flag '{flag}': the flags are i, m and s",
  'automation.regex-not-linear':
    'This regex could take unbounded time on some messages, so it does not run: write it without back-references (\\1), look-arounds ((?=…), (?<=…)), the u flag, and counted repeats of more than 16',
  'automation.repeat-unclosed': "This repeat is never closed with 'end'",
  'automation.repeat-empty': 'This repeat has nothing in it',
  'automation.end-unmatched': "This 'end' closes nothing: no repeat is open",
  'automation.hex-pattern-empty':
    'The hex pattern is empty: write bytes such as 01 03, ?? for any byte, * for any run',
  'automation.hex-pattern-char': '{char} is not a hex digit, ?? or *',
  'automation.hex-pattern-odd': 'Odd number of hex digits ({count}): every byte needs two',
  'automation.hex-pattern-lone-question': "A single '?' means nothing: write ?? for any byte",
  'automation.rule-match-empty':
    'The {matchAs} match is empty; choose "Any" to answer every message',
  'automation.rule-match-invalid': 'The match cannot be used: {reason}',
  'automation.rule-reply-invalid': 'The reply cannot be composed: {reason}',
  'automation.reply-flood':
    'Auto-reply turned itself off: it answered {count} messages within {windowMs}, which looks like a reply loop (a rule answering its own echo). Turn it on again once the peer is quiet.',
  'automation.reply-backlog':
    'A reply was dropped: {count} delayed replies are already waiting to go out',
  'automation.partial-frames-dropped':
    "Auto-reply dropped {count} unfinished messages so far: together the peers' partial frames held more than {size}",
  'automation.capture-unset': 'The capture ${name} has no value: no match so far captured it',
  'automation.expect-timeout':
    'expect {as} {pattern}: nothing matched within {withinMs}; last 32 bytes: {lastBytesHex}',
  'automation.expect-timeout-silent':
    'expect {as} {pattern}: nothing matched within {withinMs}; nothing was received',
  'automation.target-closed': 'The connection went away',
  'automation.target-closed-because': 'The connection went away: {detail}',
  'automation.connection-closed': 'The connection closed',
  'automation.connection-removed': 'The connection was removed',
  'automation.peer-gone': 'Peer {peer} disconnected',
  'automation.send-failed': 'Sending failed: {reason}',
  'automation.compose-failed': 'The payload could not be composed: {reason}',
  'automation.stopped': 'Stopped',
  'automation.crashed': 'Stopped on an unexpected error: {detail}',
  'automation.relay-unsupported':
    'Automation runs on TCP, TLS and UDP connections; a relay passes on what its two sides send',
  'automation.sequence-running': 'A sequence is already running on this connection; stop it first',
  'automation.choose-peer': '{count} peers are connected: choose the one the sequence talks to',
  'automation.no-peer': 'No peer is connected yet',
  'automation.library-item-missing': 'There is no item {id} in the library',
  'automation.library-item-not-payload': 'The library item {id} is not a payload',
  'automation.library-item-not-sequence': 'The library item {id} is not a sequence',
  'automation.rule-ids-shared': 'Two rules share an id',
  'automation.regex-flags': 'Regex flags are i, m and s, each at most once',
  'automation.periodic-no-item': 'Choose a saved payload first',
  'automation.rules-made':
    '{count} rules made from {pairs} request/response pairs: review them in Auto-reply.',
  'automation.rules-made-none': 'No request in the selection was followed by a response.',
  'automation.rules-too-many':
    '{count} more rules were not added: a connection holds at most {max}. Select fewer, or delete some first.',
} as const;

export const automationSentencesZhCN = {
  'automation.statement-unknown':
    "未知语句 '{word}'：每行以 send、expect、wait、repeat 或 end 开头",
  'automation.mode-missing': "'{statement}' 后面需要说明数据类型：{expected}",
  'automation.mode-unknown': "'{statement} {word}' 不是语句：'{statement}' 后面应为 {expected}",
  'automation.payload-missing': "'{statement}' 后面缺少内容",
  'automation.payload-invalid': '{reason}',
  'automation.option-unknown': `未知选项 '+{option}'：${OPTION_HELP_ZH}（文本要以 '+' 结尾，请写 \\x2B）`,
  'automation.option-conflict': "'+{option}' 与同一行的 '+{previous}' 相互矛盾",
  'automation.option-needs-checksum':
    "'+{option}' 用于设置校验的计算方式，但没有指定校验（例如 +crc16-modbus）",
  'automation.option-text-only': "'+{option}' 只适用于文本，不适用于十六进制",
  'automation.option-value-invalid': "'+{option}' 需要一个整数，例如 +from=2 或 +to=-1",
  'automation.options-not-allowed': "'{statement}' 不接受 '+{option}' 这样的选项",
  'automation.number-missing': "'{statement}' 后面需要一个数字",
  'automation.wait-invalid': "等待时间（毫秒）必须是 {min} 到 {max} 之间的整数，而不是 '{text}'",
  'automation.repeat-invalid': "重复次数必须是 {min} 到 {max} 之间的整数，而不是 '{text}'",
  'automation.within-invalid':
    "'within' 时间（毫秒）必须是 {min} 到 {max} 之间的整数，而不是 '{text}'",
  'automation.text-unexpected': "语句末尾有多余的 '{text}'",
  'automation.regex-slash-missing': '正则表达式要写在两个斜杠之间，例如 /TOKEN=(\\w+)/',
  'automation.regex-unterminated': "正则表达式缺少结尾的 '/'",
  'automation.regex-invalid': '正则表达式无效：{detail}',
  'automation.regex-flag-unknown': "未知的正则标志 '{flag}'：可用的标志是 i、m 和 s",
  'automation.regex-not-linear':
    '这个正则表达式在某些消息上可能耗时无限，因此不会运行：请不要使用反向引用（\\1）、环视（(?=…)、(?<=…)）、u 标志以及超过 16 次的计数重复',
  'automation.repeat-unclosed': "这个 repeat 没有用 'end' 结束",
  'automation.repeat-empty': '这个 repeat 里没有任何语句',
  'automation.end-unmatched': "这个 'end' 没有对应的 repeat",
  'automation.hex-pattern-empty':
    '十六进制模式为空：请写字节，例如 01 03，?? 表示任意一个字节，* 表示任意多个字节',
  'automation.hex-pattern-char': '{char} 不是十六进制数字、?? 或 *',
  'automation.hex-pattern-odd': '十六进制数字个数为奇数（{count}）：每个字节需要两位',
  'automation.hex-pattern-lone-question': "单个 '?' 没有意义：任意字节请写 ??",
  'automation.rule-match-empty': '{matchAs} 匹配内容为空；要应答所有消息请选择“任意”',
  'automation.rule-match-invalid': '无法使用该匹配：{reason}',
  'automation.rule-reply-invalid': '无法生成应答：{reason}',
  'automation.reply-flood':
    '自动应答已自行关闭：它在 {windowMs} 内应答了 {count} 条消息，像是应答循环（规则在应答自己的回显）。等对端安静后再打开。',
  'automation.reply-backlog': '丢弃了一个应答：已有 {count} 个延迟应答在等待发出',
  'automation.partial-frames-dropped':
    '自动应答至今已丢弃 {count} 条未完成的消息：各对端未完成的帧合计超过 {size}',
  'automation.capture-unset': '捕获 ${name} 没有值：到目前为止没有匹配捕获到它',
  'automation.expect-timeout':
    'expect {as} {pattern}：{withinMs} 内没有匹配；最后 32 个字节：{lastBytesHex}',
  'automation.expect-timeout-silent':
    'expect {as} {pattern}：{withinMs} 内没有匹配；没有收到任何数据',
  'automation.target-closed': '连接已断开',
  'automation.target-closed-because': '连接已断开：{detail}',
  'automation.connection-closed': '连接已关闭',
  'automation.connection-removed': '连接已被移除',
  'automation.peer-gone': '对端 {peer} 已断开',
  'automation.send-failed': '发送失败：{reason}',
  'automation.compose-failed': '无法生成数据：{reason}',
  'automation.stopped': '已停止',
  'automation.crashed': '因意外错误而停止：{detail}',
  'automation.relay-unsupported':
    '自动化只能在 TCP、TLS 和 UDP 连接上运行；中继只转发两端发送的数据',
  'automation.sequence-running': '这个连接上已有序列在运行；请先停止它',
  'automation.choose-peer': '当前连接了 {count} 个对端：请选择序列要对话的那一个',
  'automation.no-peer': '还没有对端连接',
  'automation.library-item-missing': '库中没有条目 {id}',
  'automation.library-item-not-payload': '库条目 {id} 不是数据',
  'automation.library-item-not-sequence': '库条目 {id} 不是序列',
  'automation.rule-ids-shared': '有两条规则使用了同一个 id',
  'automation.regex-flags': '正则标志只能是 i、m 和 s，每个最多一次',
  'automation.periodic-no-item': '请先选择一个已保存的数据',
  'automation.rules-made': '已从 {pairs} 对请求/响应生成 {count} 条规则：请在“自动应答”中检查。',
  'automation.rules-made-none': '选中的内容中没有后面跟着响应的请求。',
  'automation.rules-too-many':
    '另有 {count} 条规则未添加：一个连接最多 {max} 条规则。请少选一些，或先删除部分规则。',
} as const;
