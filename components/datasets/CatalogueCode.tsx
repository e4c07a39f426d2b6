import type { CatalogueFile } from "@/lib/queries/datasets";

const FILES: { file: CatalogueFile; description: string }[] = [
  {
    file: "catalogue.schema.json",
    description: "JSON Schema of the model's answers (each tool's arguments, or no_tool), for any language.",
  },
  {
    file: "tooltune_catalogue.ts",
    description: "TypeScript (zod): parse and check the model's answer by the same rules as ToolTune's evaluation.",
  },
  { file: "tooltune_catalogue.py", description: "Python: parse and check the model's answer by the same rules as ToolTune's evaluation." },
];

/** The catalogue as code, for the program that will run the fine-tuned model. */
export function CatalogueCode({ hrefFor }: { hrefFor: (file: CatalogueFile) => string }) {
  return (
    <div className="catalogue-code">
      <h3 className="block-title">Catalogue as code</h3>
      <ul className="code-files">
        {FILES.map((f) => (
          <li key={f.file}>
            <a href={hrefFor(f.file)} download={f.file} className="btn btn-sm" data-testid={`export-code-${f.file}`}>
              ↓ <code>{f.file}</code>
            </a>
            <span className="muted small">{f.description}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
