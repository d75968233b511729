/** The sentences of catalogue-framing.ts in each language (see sentences-socket.ts). */

export const framingSentencesEn = {
  'frame.no-delimiter': 'No delimiter within {max} bytes; cut at the size limit',
  'frame.ended-after-delimiter': 'The stream ended with {count} bytes after the last delimiter',
  'frame.ended-in-frame': 'The stream ended {count} bytes into a {length}-byte frame',
  'frame.ended-in-header': 'The stream ended inside a frame header ({count} of {header} bytes)',
  'frame.length-over-limit':
    'The length field says {field}, a {total}-byte frame, over the {max}-byte limit; skipped to the next plausible header',
  'frame.length-under-header':
    'The length field says {field}, a {total}-byte frame, shorter than its {header}-byte header; skipped to the next plausible header',
  'frame.no-idle-gap': 'No idle gap within {max} bytes; cut at the size limit',
  'delimiter.lone-backslash': 'The delimiter ends with a lone backslash',
  'delimiter.x-digits': '"\\x" needs two hex digits after it in the delimiter',
  'delimiter.unknown-escape':
    '"{escape}" is not an escape the delimiter knows (\\r \\n \\t \\0 \\\\ \\xNN)',
  'hex.bad-digit': '"{char}" is not a hex digit',
  'hex.odd-digits': 'Hex has an odd number of digits ({count})',
  'delimiter.empty': 'The delimiter is empty',
  'delimiter.too-long': 'The delimiter is {length} bytes; at most {max} are allowed',
  'framing.max-frame-bytes': 'The frame size limit must be a whole number of bytes from 1 to {max}',
  'framing.frame-length': 'The frame length must be a whole number of bytes from 1 to {max}',
  'framing.idle-gap': 'The idle gap must be more than 0 ms and at most {max}',
} as const;

export const framingSentencesZhCN = {
  'frame.no-delimiter': '{max} 字节内没有分隔符；已在长度上限处截断',
  'frame.ended-after-delimiter': '数据流结束时，最后一个分隔符之后还有 {count} 字节',
  'frame.ended-in-frame': '数据流在一个 {length} 字节的帧中途结束（已收到 {count} 字节）',
  'frame.ended-in-header': '数据流在帧头中途结束（帧头 {header} 字节，只收到 {count} 字节）',
  'frame.length-over-limit':
    '长度字段为 {field}，即 {total} 字节的帧，超过了 {max} 字节的上限；已跳到下一个可能的帧头',
  'frame.length-under-header':
    '长度字段为 {field}，即 {total} 字节的帧，比 {header} 字节的帧头还短；已跳到下一个可能的帧头',
  'frame.no-idle-gap': '{max} 字节内没有空闲间隔；已在长度上限处截断',
  'delimiter.lone-backslash': '分隔符以单独的反斜杠结尾',
  'delimiter.x-digits': '分隔符中的 "\\x" 后面需要两位十六进制数字',
  'delimiter.unknown-escape': '"{escape}" 不是分隔符支持的转义（\\r \\n \\t \\0 \\\\ \\xNN）',
  'hex.bad-digit': '"{char}" 不是十六进制数字',
  'hex.odd-digits': '十六进制数字个数为奇数（{count}）',
  'delimiter.empty': '分隔符为空',
  'delimiter.too-long': '分隔符有 {length} 字节；最多允许 {max} 字节',
  'framing.max-frame-bytes': '帧长度上限必须是 1 到 {max} 之间的整数字节数',
  'framing.frame-length': '帧长度必须是 1 到 {max} 之间的整数字节数',
  'framing.idle-gap': '空闲间隔必须大于 0 毫秒，且不超过 {max}',
} as const;
