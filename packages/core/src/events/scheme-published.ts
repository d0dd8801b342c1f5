/** @module SchemePublished (stream `scheme-{schemeId}`): a scheme version becomes the rules in force. */
import * as t from 'io-ts'
import { strict } from '../codec/strict'
import { Slug } from '../primitives/ids'
import { Scheme } from '../scheme/scheme'

export const SchemePublished = strict(
  { schemeId: Slug, version: t.Int, scheme: Scheme },
  {},
  'SchemePublished'
)
export type SchemePublished = t.TypeOf<typeof SchemePublished>
