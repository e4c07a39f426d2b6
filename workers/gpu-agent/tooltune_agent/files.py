"""/v1/files: upload (multipart/form-data, purpose fine-tune), list, retrieve, content, delete.

A fine-tune upload is checked line by line when it arrives; the first bad line is a 400 naming it
(`Invalid file format. Line 3: ...`). A file holds supervised examples (`messages`) or preference pairs
for DPO (OpenAI's `input` / `preferred_output` / `non_preferred_output`, or TRL's `prompt` / `chosen` /
`rejected`), not both; its format is kept with it, for job creation to check against the job's method. Like OpenAI, uploaded training data cannot be downloaded again;
only result files (`step_metrics.csv`, purpose fine-tune-results) can."""
import email.message

from .errors import ApiError, bad_request
from .preference import check_file
from .prepare import LineError


def parse_multipart(content_type, body):
    """-> {field name: (filename or None, bytes)}. Enough of RFC 7578 for what HTTP clients send."""
    header = email.message.Message()
    header["content-type"] = content_type or ""
    if header.get_content_type() != "multipart/form-data" or not header.get_param("boundary"):
        raise bad_request("Invalid request: files must be uploaded as multipart/form-data.")
    delimiter = b"--" + header.get_param("boundary").encode("latin-1")
    fields = {}
    for part in body.split(delimiter)[1:]:
        if part.startswith(b"--"):
            break
        head, sep, data = part.partition(b"\r\n\r\n")
        if not sep:
            continue
        headers = email.message.Message()
        for line in head.decode("utf-8", "replace").split("\r\n"):
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip()] = value.strip()
        name = headers.get_param("name", header="content-disposition")
        if name:
            fields[name] = (headers.get_param("filename", header="content-disposition"), data[:-2] if data.endswith(b"\r\n") else data)
    return fields


def upload(store, content_type, body):
    fields = parse_multipart(content_type, body)
    purpose = fields.get("purpose", (None, None))[1]
    if purpose is None:
        raise bad_request("Missing required parameter: 'purpose'.", "purpose", "missing_required_parameter")
    filename, content = fields.get("file", (None, None))
    if content is None or filename is None:
        raise bad_request("Missing required parameter: 'file'.", "file", "missing_required_parameter")
    purpose = purpose.decode("utf-8", "replace")
    if purpose != "fine-tune":
        raise bad_request("Invalid value for 'purpose': '%s'. The ToolTune agent accepts 'fine-tune' uploads only."
                          % purpose, "purpose", "invalid_value")
    if not filename.endswith(".jsonl"):
        raise bad_request("Invalid file format for Fine-Tuning API. Must be .jsonl", "file")
    try:
        summary = check_file(content)
    except LineError as e:
        raise bad_request(str(e) if str(e).startswith("Invalid file format") else "Invalid file format. %s" % e, "file")
    return store.add_file(content, filename, purpose, summary)


def get(store, file_id):
    meta = store.files.get(file_id)
    if not meta:
        raise ApiError(404, "No such File object: %s" % file_id, "id")
    return meta


def content(store, file_id):
    meta = get(store, file_id)
    if meta["object"]["purpose"] == "fine-tune":
        raise bad_request("Not allowed to download files of purpose: fine-tune")
    with open(store.file_path(file_id), "rb") as f:
        return f.read()


def listing(store, query):
    purpose = query.get("purpose")
    with store.lock:
        files = [m["object"] for m in store.files.values() if not purpose or m["object"]["purpose"] == purpose]
    files.sort(key=lambda f: f["created_at"], reverse=query.get("order") != "asc")
    return {"object": "list", "data": files, "has_more": False, "first_id": files[0]["id"] if files else None,
            "last_id": files[-1]["id"] if files else None}


def delete(store, jobs, file_id):
    get(store, file_id)
    busy = [r.job["id"] for r in store.jobs.values() if r.job["status"] in ("validating_files", "queued", "running")
            and file_id in (r.job["training_file"], r.job["validation_file"])]
    if busy:
        raise bad_request("File %s is used by fine-tuning job %s, which has not finished." % (file_id, busy[0]), "file_id")
    store.delete_file(file_id)
    return {"id": file_id, "object": "file", "deleted": True}
