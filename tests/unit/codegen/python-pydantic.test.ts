// The generated Python modules are written under .tmp/ and imported by every interpreter here that has
// pydantic (Debian's /usr/bin/python3 with python3-pydantic 1.10, and a python3 with pydantic 2 if
// there is one), with warnings as errors; each runs every sample and prints its verdicts as JSON.
// Needs pydantic: `apt-get install -y python3-pydantic` (Debian 12) or `pip install pydantic`.
import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePythonPydantic } from "@/lib/codegen/python-pydantic";
import { corpus } from "./corpus";
import { customerSupport, edge, taskManagement } from "./fixtures";
import { judge } from "./oracle";
import { quietUnknownFormats, workdir } from "./workdir";

interface Interpreter {
  exe: string;
  version: string;
}

function findInterpreters(): Interpreter[] {
  const found = new Map<string, Interpreter>();
  for (const exe of ["/usr/bin/python3", "python3", "python"]) {
    const r = spawnSync(exe, ["-c", "import sys, pydantic; print(sys.executable, pydantic.VERSION)"], { encoding: "utf8" });
    if (r.status !== 0) continue;
    const [path, version] = r.stdout.trim().split(" ");
    const real = realpathSync(path);
    if (!found.has(real)) found.set(real, { exe, version });
  }
  return [...found.values()];
}

const INTERPRETERS = findInterpreters();
const CATALOGUES = [customerSupport, taskManagement, edge, corpus];

// Loads each module, runs parse_router_output on each sample, and a few API checks.
const DRIVER = `
import importlib.util, json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    cases = json.load(f)
out = {}
for case in cases:
    spec = importlib.util.spec_from_file_location("tooltune_catalogue_" + case["id"], case["module"])
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    results = [m.parse_router_output(text) for text in case["samples"]]
    native = [m.parse_tool_call(name, args) for name, args in case["native"]]
    out[case["id"]] = {
        "version": m.pydantic.VERSION,
        "ok": [r.ok for r in results],
        "errors": [r.error for r in results],
        "repaired": [r.repaired for r in results],
        "types": [type(r.value).__name__ for r in results],
        "native": [[r.ok, m.call_arguments(r.value) if r.ok else r.error] for r in native],
        "system_prompt": m.SYSTEM_PROMPT == case["systemPrompt"],
        "tools": m.TOOLS == case["tools"],
        "project": m.PROJECT_NAME == case["projectName"],
    }
print(json.dumps(out))
`;

const NATIVE: Record<string, [string, string | Record<string, unknown>][]> = {
  task_management: [["complete_task", '{"task_id": 4}'], ["complete_task", { task_id: 0 }], ["complete_task", "{task_id: 4}"], ["archive_task", {}]],
  edge: [["class", { from: "a", class: "b", "user-name": "u", anything: [1] }]],
};

const work = workdir("pydantic");
const sources = new Map<string, string>();
let restoreWarn = () => {};

beforeAll(() => {
  restoreWarn = quietUnknownFormats();
  const cases = CATALOGUES.map((cat) => {
    const code = generatePythonPydantic(cat.input);
    sources.set(cat.id, code);
    return {
      id: cat.id,
      module: work.write(`${cat.id}/tooltune_catalogue.py`, code),
      samples: cat.samples.map((s) => s.text),
      native: NATIVE[cat.id] ?? [],
      systemPrompt: cat.input.systemPrompt,
      projectName: cat.input.projectName,
      tools: cat.input.tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters } })),
    };
  });
  work.write("cases.json", JSON.stringify(cases));
});

afterAll(() => {
  restoreWarn();
  work.remove();
});

describe.skipIf(INTERPRETERS.length === 0)("generatePythonPydantic (needs pydantic: apt-get install -y python3-pydantic)", () => {
  for (const py of INTERPRETERS) {
    describe(`${py.exe}, pydantic ${py.version}`, () => {
      let run: { status: number | null; stdout: string; stderr: string };
      let out: Record<string, { version: string; ok: boolean[]; errors: (string | null)[]; repaired: boolean[]; types: string[]; native: [boolean, unknown][]; system_prompt: boolean; tools: boolean; project: boolean }>;

      beforeAll(() => {
        const r = spawnSync(py.exe, ["-W", "error", "-c", DRIVER, `${work.dir}/cases.json`], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
        run = { status: r.status, stdout: r.stdout, stderr: r.stderr };
        out = r.status === 0 ? JSON.parse(r.stdout) : {};
      }, 120_000);

      it("imports every module and runs, with warnings as errors", () => {
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
        expect(Object.values(out).every((o) => o.version === py.version)).toBe(true);
      });

      for (const cat of CATALOGUES) {
        it(`accepts and rejects exactly what the evaluation does: ${cat.id} (${cat.samples.length} replies)`, () => {
          const got = out[cat.id];
          const wrong: string[] = [];
          cat.samples.forEach((sample, i) => {
            const want = sample.lenient?.includes("py") ? true : judge(sample.text, cat.input.tools);
            if (got.ok[i] !== want) wrong.push(`${sample.label}: pydantic says ${got.ok[i]}, evaluation ${want} (${got.errors[i]})`);
          });
          expect(wrong).toEqual([]);
          expect(got.system_prompt && got.tools && got.project).toBe(true);
        });
      }

      it("returns models, marks fence repairs and explains failures", () => {
        const cs = out.customer_support;
        const at = (label: string) => customerSupport.samples.findIndex((s) => s.label === label);
        expect(cs.types[at("track")]).toBe("TrackOrderCall");
        expect(cs.types[at("no_tool")]).toBe("NoTool");
        expect(cs.types[at("parallel calls")]).toBe("list");
        expect(cs.repaired[at("fenced call")]).toBe(true);
        expect(cs.repaired[at("track")]).toBe(false);
        expect(cs.errors[at("order id with a trailing newline")]).toMatch(/order_id: must match the pattern "\^ORD-\\\\d\{5\}\$"/);
        expect(cs.errors[at("not JSON")]).toMatch(/^not valid JSON/);
      });

      it("validates native tool calls and gives the arguments back under their JSON names", () => {
        expect(out.task_management.native.map(([ok]) => ok)).toEqual([true, false, false, false]);
        expect(out.task_management.native[0][1]).toEqual({ task_id: 4 });
        expect(out.edge.native[0]).toEqual([true, { from: "a", class: "b", "user-name": "u", anything: [1] }]);
      });
    });
  }

  it("names every untranslated keyword in the docstring and inline", () => {
    const code = sources.get("edge")!;
    const doc = code.slice(0, code.indexOf('\n"""'));
    for (const note of ["hard.arguments.headers: patternProperties", "hard.arguments.either: oneOf", "hard.arguments.never_string: not", "hard.arguments.pair: items (tuple form)"]) {
      expect(doc).toContain(note);
    }
    expect(code).toContain("= Field(None)  # not translated: patternProperties");
    expect(sources.get("customer_support")).not.toContain("NOT TRANSLATED");
    expect(sources.get("task_management")).not.toContain("Any = Field");
  });

  it("uses safe Python names with the JSON names as aliases", () => {
    const code = sources.get("edge")!;
    for (const line of [
      'from_: StrictStr = Field(..., alias="from")',
      'class_: Optional[StrictStr] = Field(None, alias="class")',
      'user_name: Optional[StrictStr] = Field(None, alias="user-name")',
      'f_1st: Optional[StrictBool] = Field(None, alias="1st")',
      'f__private: Optional[StrictInt] = Field(None, alias="_private")',
      'f_model_name: Optional[StrictStr] = Field(None, alias="model_name")',
      'json_: Optional[StrictStr] = Field(None, alias="json")',
      'import_: Optional[StrictStr] = Field(None, alias="import")',
    ]) {
      expect(code).toContain(line);
    }
    expect(code).toContain("class GetWeatherCall(_StrictModel)");
    expect(code).toContain("class GetWeather2Call(_StrictModel)");
    expect(code).toContain("class ClassArguments(_OpenModel)");
  });
});
