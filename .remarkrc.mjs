// Optional editor support: validates the YAML front matter of docs/**/*.md against
// schema/page.schema.json while you type (VS Code extension "unifiedjs.vscode-remark", or
// `npx remark docs` in a terminal). Needs Node.js and `npm install` once. It knows the schema
// only; `./dev check --fast` remains the reference (ids, twins, references, markers, TODO).
import remarkFrontmatter from 'remark-frontmatter'
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema'

export default {
  plugins: [
    remarkFrontmatter,
    [
      remarkLintFrontmatterSchema,
      {
        schemas: {'schema/page.schema.json': ['docs/**/*.md']},
        // The schema is JSON Schema 2020-12; the plugin's validator (Ajv) only knows draft-07
        // meta-schemas. Skipping the meta-schema check is enough: every keyword we use is understood.
        ajvOptions: {validateSchema: false}
      }
    ]
  ]
}
