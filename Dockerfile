# syntax=docker/dockerfile:1
# hublint as a container image:
#   docker build -t hublint . && docker run --rm -v "$PWD:/work" hublint .
# The wheel is built in one stage and installed into a slim Python in the next; the linter runs as an
# unprivileged user in /work (mount the repository there).
FROM python:3.12.8-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml setup.py README.md LICENSE ./
COPY hublint ./hublint
COPY rules ./rules
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.12.8-slim-bookworm
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["hublint"]
CMD ["."]
