"""Errors answered in OpenAI's shape: `{"error": {"message", "type", "param", "code"}}`."""


class ApiError(Exception):
    def __init__(self, status, message, param=None, code=None, type_="invalid_request_error"):
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param
        self.code = code
        self.type = type_

    def body(self):
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}


def bad_request(message, param=None, code=None):
    return ApiError(400, message, param, code)


def not_found(message, param=None, code=None):
    return ApiError(404, message, param, code)


# One message for a missing and a wrong token, so a 401 tells a caller nothing about what is there.
UNAUTHORIZED = ApiError(
    401,
    "Missing or incorrect bearer token. Send the agent's token in an Authorization header (Authorization: Bearer TOKEN).",
    None,
    "invalid_api_key",
)

INVALID_JSON = (
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library "
    "correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)"
)


def unknown_argument(name):
    return bad_request("Unrecognized request argument supplied: %s" % name, name, "unknown_parameter")


def model_not_found(model):
    return not_found("The model `%s` does not exist or you do not have access to it." % model, None, "model_not_found")
