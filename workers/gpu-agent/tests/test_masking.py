"""masking.py and train_data.py: which tokens carry loss, with a ChatML stand-in template and tokenizer."""
import unittest

from tooltune_agent.masking import TemplateMismatch, build_samples, mask_from_boundaries, truncate
from tooltune_agent.prepare import convert_line
from tooltune_agent.train_data import DataError, encode_examples, length_warning, renders_tools

from standin_tokenizer import StandInTokenizer, chatml


USER = {"role": "user", "content": "Weather in Oslo?"}
CALL = {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function",
                                             "function": {"name": "get_weather", "arguments": "{\"city\": \"Oslo\"}"}}]}
RESULT = {"role": "tool", "tool_call_id": "c1", "content": "SECRET tool output"}
ANSWER = {"role": "assistant", "content": "3 degrees."}


def example(*messages, n=1):
    return convert_line({"messages": [{"role": "system", "content": "Route."}] + list(messages)}, n)


def render(ex):
    return lambda msgs, gen: chatml(msgs, gen, ex["tools"])


class SpansTest(unittest.TestCase):
    def trained_text(self, ex, train_on="assistant"):
        return ["".join(s["text"][a:b] for a, b in s["spans"]) for s in build_samples(ex, render(ex), train_on)]

    def test_only_assistant_turns_and_their_end_token_are_trained(self):
        ex = example(USER, CALL, RESULT, ANSWER)
        (trained,) = self.trained_text(ex)
        self.assertEqual(trained, '<tool_call>{"name": "get_weather", "arguments": {"city": "Oslo"}}</tool_call>'
                                  "<|im_end|>\n3 degrees.<|im_end|>\n")
        self.assertNotIn("SECRET", trained)
        self.assertNotIn("Weather in Oslo", trained)

    def test_weight_zero_and_last_assistant_settings(self):
        ex = example(USER, dict(CALL, weight=0), RESULT, ANSWER)
        self.assertEqual(self.trained_text(ex), ["3 degrees.<|im_end|>\n"])
        self.assertEqual(self.trained_text(example(USER, CALL, RESULT, ANSWER), "last_assistant"),
                         ["3 degrees.<|im_end|>\n"])
        (everything,) = build_samples(ex, render(ex), "all")
        self.assertIsNone(everything["spans"])
        self.assertEqual(build_samples(example(USER, dict(ANSWER, weight=0)), render(ex)), [],
                         "nothing to learn: no sample")

    def test_a_template_that_rewrites_history_gives_one_sample_per_turn(self):
        def drops_old_reasoning(msgs, gen, tools=None):
            last = max([i for i, m in enumerate(msgs) if m["role"] == "user"], default=-1)
            kept = [dict(m, content=("<think>%s</think>" % m["reasoning_content"] if i > last else "") + m["content"])
                    if m.get("reasoning_content") else m for i, m in enumerate(msgs)]
            return chatml(kept, gen, tools)

        ex = example(USER, dict(ANSWER, reasoning_content="r1"), {"role": "user", "content": "And?"},
                     dict(ANSWER, content="Done.", reasoning_content="r2"))
        samples = build_samples(ex, lambda m, g: drops_old_reasoning(m, g), "assistant")
        self.assertEqual(len(samples), 2)
        self.assertEqual(["".join(s["text"][a:b] for a, b in s["spans"]) for s in samples],
                         ["<think>r1</think>3 degrees.<|im_end|>\n", "<think>r2</think>Done.<|im_end|>\n"])

    def test_a_template_whose_prompt_is_not_a_prefix_is_a_mismatch(self):
        def odd(msgs, gen, tools=None):
            return chatml(msgs, False, tools) + ("<gen>" if gen else "<end>")

        ex = example(USER, ANSWER)
        with self.assertRaises(TemplateMismatch):
            build_samples(ex, lambda m, g: odd(m, g))


class EncodeTest(unittest.TestCase):
    def test_labels_are_minus_100_outside_the_assistant_turns(self):
        tok = StandInTokenizer()
        ex = example(USER, CALL, RESULT, ANSWER)
        (sample,), stats = encode_examples([ex], tok, 4096)
        text = chatml(ex["messages"], False, ex["tools"])
        mask = [label != -100 for label in sample["labels"]]
        self.assertEqual(len(sample["input_ids"]), len(sample["labels"]))
        trained = tok.text_of(text, mask)
        self.assertTrue(trained.startswith("<tool_call>"))
        self.assertTrue(trained.endswith("3 degrees.<|im_end|>\n"))
        self.assertNotIn("SECRET", trained)
        self.assertEqual(stats["tokens"], len(sample["input_ids"]))

    def test_a_tokenizer_without_offsets_gives_the_same_labels_here(self):
        ex = example(USER, CALL, RESULT, ANSWER)
        fast, _ = encode_examples([ex], StandInTokenizer(), 4096)
        slow, _ = encode_examples([ex], StandInTokenizer(offsets=False), 4096)
        self.assertEqual(fast, slow)

    def test_long_samples_are_cut_and_fully_masked_ones_dropped(self):
        ex = example(USER, CALL, RESULT, ANSWER)
        full, stats = encode_examples([ex], StandInTokenizer(), 4096)
        longest = len(full[0]["input_ids"])
        self.assertEqual((stats["longest"], stats["truncated"], stats["dropped"]), (longest, 0, 0))
        self.assertIsNone(length_warning(stats, 4096))
        samples, stats = encode_examples([ex], StandInTokenizer(), 40)
        self.assertEqual((len(samples[0]["input_ids"]), stats["truncated"], stats["dropped"]), (40, 1, 0))
        samples, stats = encode_examples([ex], StandInTokenizer(), 5)
        self.assertEqual((samples, stats["dropped"], stats["skipped"], stats["longest"]), ([], 1, 0, longest))

    def test_the_length_warning_counts_cut_and_dropped_samples_and_names_the_length_that_fits(self):
        fits = example(USER, ANSWER)
        cut = example(USER, CALL, RESULT, ANSWER)  # its first reply starts before token 40
        lost = example({"role": "user", "content": "word " * 60}, ANSWER)  # its reply starts after token 40
        _, longest = encode_examples([lost], StandInTokenizer(), 4096)
        samples, stats = encode_examples([fits, cut, lost], StandInTokenizer(), 40)
        self.assertEqual((len(samples), stats["truncated"], stats["dropped"]), (2, 1, 1))
        self.assertEqual(
            length_warning(stats, 40, "validation file"),
            "max_seq_length=40 is too short for the validation file: 2 of 3 samples are longer with this model's "
            "tokenizer (the longest has %d tokens). 1 was left out: cutting removed its whole assistant reply; 1 "
            "was cut and trains on part of its reply. Set max_seq_length to %d or more."
            % (longest["longest"], longest["longest"]))
        _, many = encode_examples([lost, lost], StandInTokenizer(), 40)
        self.assertIn("2 were left out: cutting removed their whole assistant reply. Set", length_warning(many, 40))

    def test_a_line_the_template_rejects_is_named_by_its_line(self):
        def strict(msgs, gen, tools=None):
            if any(m["role"] == "tool" for m in msgs):
                raise ValueError("Conversation roles must alternate user/assistant/user/assistant/...")
            return chatml(msgs, gen, tools)

        with self.assertRaises(DataError) as ctx:
            encode_examples([example(USER, ANSWER, n=1), example(USER, CALL, RESULT, ANSWER, n=7)],
                            StandInTokenizer(template=strict), 4096, model_name="acme/strict")
        self.assertEqual(ctx.exception.line, 7)
        self.assertEqual(str(ctx.exception), "Line 7 does not fit the chat template of acme/strict: ValueError: "
                                             "Conversation roles must alternate user/assistant/user/assistant/...")

    def test_tools_support_is_read_from_the_template(self):
        self.assertTrue(renders_tools(StandInTokenizer()))
        plain = StandInTokenizer()
        plain.chat_template = "{% for m in messages %}{{ m.content }}{% endfor %}"
        self.assertFalse(renders_tools(plain))

    def test_boundaries_and_truncate_helpers(self):
        self.assertEqual(mask_from_boundaries(5, [(1, 3)]), [False, True, True, False, False])
        self.assertEqual(truncate([1, 2, 3], [True] * 3, 2), ([1, 2], [True, True], True))


if __name__ == "__main__":
    unittest.main()
