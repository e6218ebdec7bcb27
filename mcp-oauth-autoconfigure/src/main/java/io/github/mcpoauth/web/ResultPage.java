/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.mcpoauth.web;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The small HTML page the callback answers with when it cannot send the browser back: what
 * went wrong, in words, and a link back to the application. Every value is HTML-escaped.
 */
final class ResultPage {

	private ResultPage() {
	}

	static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String title, String message,
			String backTo) {
		String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
				+ "</title></head><body style=\"font-family:sans-serif;margin:3em\"><h1>" + HtmlUtils.htmlEscape(title)
				+ "</h1><p id=\"message\">" + HtmlUtils.htmlEscape(message) + "</p><p><a href=\""
				+ HtmlUtils.htmlEscape(backTo) + "\">Back to the application</a></p></body></html>";
		response.setStatusCode(status);
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
		response.getHeaders().setCacheControl(CacheControl.noStore());
		DataBuffer body = response.bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

}
