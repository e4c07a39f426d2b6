import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseResultsCsv, ResultsCsvError } from "@/lib/training/results-csv";

const dronePath = path.join(import.meta.dirname, "fixtures", "drone_ftjob_result_file.csv");
const droneBytes = readFileSync(dronePath);
const droneText = droneBytes.toString("utf8");

function errorOf(content: string): ResultsCsvError {
  try {
    parseResultsCsv(content);
  } catch (e) {
    if (e instanceof ResultsCsvError) return e;
    throw e;
  }
  throw new Error("expected a ResultsCsvError");
}

describe("parseResultsCsv on the cookbook's drone results file", () => {
  const points = parseResultsCsv(droneText);

  it("reads all 309 steps in order", () => {
    expect(points).toHaveLength(309);
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: 309 }, (_, i) => i + 1));
  });

  it("maps train_loss and train_accuracy, and leaves the empty validation cells null, not 0", () => {
    expect(points[0]).toEqual({
      step: 1,
      epoch: null,
      trainLoss: 3.63265,
      validLoss: null,
      fullValidLoss: null,
      trainAccuracy: 0.5,
      validAccuracy: null,
      fullValidAccuracy: null,
      learningRate: null,
    });
    expect(points.every((p) => p.validLoss === null && p.validAccuracy === null)).toBe(true);
  });

  it("keeps a logged 0.0 loss as the number 0 (a measurement, not a gap)", () => {
    expect(points[308]).toMatchObject({ step: 309, trainLoss: 0, trainAccuracy: 1 });
  });

  it("gives the same points from a Buffer", () => {
    expect(parseResultsCsv(droneBytes)).toEqual(points);
  });

  it("gives the same points from the base64 body older jobs return, as a string or bytes", () => {
    const b64 = droneBytes.toString("base64");
    expect(b64).not.toContain(",");
    expect(parseResultsCsv(b64)).toEqual(points);
    expect(parseResultsCsv(Buffer.from(b64))).toEqual(points);
  });

  it("accepts base64 wrapped at 76 characters with a trailing newline", () => {
    const wrapped = droneBytes.toString("base64").replace(/.{76}/g, "$&\n") + "\n";
    expect(parseResultsCsv(wrapped)).toEqual(points);
  });
});

describe("parseResultsCsv on newer headers", () => {
  const csv = [
    "step,train_loss,train_mean_token_accuracy,valid_loss,valid_mean_token_accuracy,full_valid_loss,full_valid_mean_token_accuracy",
    "1,2.5,0.4,2.6,0.41,,",
    "2,2.1,0.5,,,,",
    "3,1.9,0.55,2.0,0.52,1.95,0.53",
  ].join("\n");

  it("maps every column, with empty cells as null", () => {
    const [a, b, c] = parseResultsCsv(csv);
    expect(a).toMatchObject({
      trainLoss: 2.5,
      trainAccuracy: 0.4,
      validLoss: 2.6,
      validAccuracy: 0.41,
      fullValidLoss: null,
      fullValidAccuracy: null,
    });
    expect(b).toMatchObject({ validLoss: null, validAccuracy: null });
    expect(c).toMatchObject({ fullValidLoss: 1.95, fullValidAccuracy: 0.53 });
  });

  it("takes the first non-empty of train_accuracy and train_mean_token_accuracy", () => {
    const [a, b] = parseResultsCsv("step,train_accuracy,train_mean_token_accuracy\n1,,0.7\n2,0.6,0.9\n");
    expect(a.trainAccuracy).toBe(0.7);
    expect(b.trainAccuracy).toBe(0.6);
  });

  it("reads epoch and learning_rate, ignores unknown columns, and tolerates CRLF, a BOM, quotes and blank lines", () => {
    const points = parseResultsCsv(
      '\ufeffstep,epoch,learning_rate,grad_norm,train_loss\r\n"1",0.5,2e-5,3.1,1.5\r\n\r\n2,1,1e-5,2.2,1.25\r\n',
    );
    expect(points).toHaveLength(2);
    expect(points[1]).toMatchObject({ step: 2, epoch: 1, learningRate: 1e-5, trainLoss: 1.25 });
  });

  it("reads a literal nan (a diverged step) as not measured", () => {
    expect(parseResultsCsv("step,train_loss\n1,nan\n")[0].trainLoss).toBeNull();
  });

  it("sorts rows by step", () => {
    expect(parseResultsCsv("step,train_loss\n2,1\n1,2\n").map((p) => p.step)).toEqual([1, 2]);
  });

  it("returns no points for a header without rows", () => {
    expect(parseResultsCsv("step,train_loss\n")).toEqual([]);
  });
});

describe("parseResultsCsv errors name the line", () => {
  it.each([
    ["step,train_loss\n1,2.5\n2,2.4,9\n", 3, "expected 2 cells (step,train_loss), found 3"],
    ["step,train_loss\n1,abc\n", 2, 'train_loss "abc" is not a number'],
    ["step,train_loss\n1.5,2\n", 2, 'step "1.5" is not a whole number'],
    ["step,train_loss\n,2\n", 2, 'step "" is not a whole number'],
    ["step,train_loss\n1,2\n1,3\n", 3, "step 1 repeats line 2"],
    ["epoch,train_loss\n1,2\n", 1, 'no "step" column'],
    ["hello world\n", 1, 'expected a CSV header starting with "step,"'],
  ])("%j → line %i", (content, line, message) => {
    const e = errorOf(content);
    expect(e.line).toBe(line);
    expect(e.message).toContain(`line ${line}: `);
    expect(e.message).toContain(message);
  });

  it("rejects base64 that does not decode to a results CSV", () => {
    const e = errorOf(Buffer.from("name,value\n1,2\n").toString("base64"));
    expect(e.line).toBe(1);
    expect(e.message).toContain('"step,"');
  });

  it("rejects an empty file", () => {
    expect(() => parseResultsCsv("  \n")).toThrow("results file: the file is empty");
  });
});
