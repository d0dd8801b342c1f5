/** @module What went wrong with a file, in words a clerk understands (never `ENOENT` or a stack). */

export const describeFileError = (e: unknown, path: string, writing = false): string => {
  const code = (e as NodeJS.ErrnoException).code
  switch (code) {
    case 'ENOENT':
      return writing ? `无法写入 ${path}：所在的文件夹不存在` : `找不到文件 ${path}`
    case 'EISDIR':
      return `${path} 是文件夹，不是文件`
    case 'ENOTDIR':
      return `找不到文件 ${path}（路径中有一段不是文件夹）`
    case 'EACCES':
    case 'EPERM':
      return `没有权限访问文件 ${path}`
    case 'ENOSPC':
      return `磁盘空间不足，无法写入 ${path}`
    default:
      return `无法读写文件 ${path}（${code ?? (e as Error).message}）`
  }
}

/** A file system error from Node (it carries the path it was about). */
export const isFileError = (e: unknown): e is NodeJS.ErrnoException & { path: string } =>
  e instanceof Error &&
  typeof (e as NodeJS.ErrnoException).code === 'string' &&
  typeof (e as NodeJS.ErrnoException).path === 'string'
