package io.turno.web.internal;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * The static files, served under the four paths the security configuration opens to everyone, instead of
 * Boot's {@code /**} ({@code spring.web.resources.add-mappings: false}). Under {@code /**}, every link a page
 * wrote ({@code @{/users/new}}) went through the resource chain to rewrite it, and each was looked up, and
 * not found, in every jar of the class path: a fifth of the request threads' CPU in a profiled run of the
 * suite. Now only asset links are looked up, and webjars' versionless paths still become versioned ones.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

    private static final List<String> FOLDERS = List.of("css", "js", "img");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String folder : FOLDERS) {
            registry.addResourceHandler("/" + folder + "/**")
                    .addResourceLocations("classpath:/static/" + folder + "/")
                    .resourceChain(true);
        }
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
    }
}
